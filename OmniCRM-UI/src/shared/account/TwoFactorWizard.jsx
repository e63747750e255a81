import { useState } from 'react';
import { api } from '../api';
import PasswordInput from '../auth/PasswordInput';
import CodeBoxes from '../auth/CodeBoxes';
import Alert from '../ui/Alert';
import Modal, { ModalActions } from '../ui/Modal';
import BackupCodes from './BackupCodes';
import QrCode from '../ui/QrCode';

// The enable-2FA wizard (spec 01 §8.1, 02 §4.7.3): confirm the password, scan the QR code and
// keep the backup codes, confirm with a first code, done. Closing early leaves 2FA off.
export default function TwoFactorWizard({ userId, onClose }) {
  const [step, setStep] = useState('password');
  const [password, setPassword] = useState('');
  const [enrolment, setEnrolment] = useState(null);
  const [code, setCode] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event, call) {
    event.preventDefault();
    setError('');
    setBusy(true);
    try {
      await call();
    } catch (failure) {
      setError(failure.message);
    }
    setBusy(false);
  }

  const startEnrolment = (event) =>
    submit(event, async () => {
      const { data } = await api.post(`/2fa/enable/user/${userId}`, { password }, { authRetry: false });
      setEnrolment(data);
      setStep('scan');
    });

  const confirmCode = (event) =>
    submit(event, async () => {
      try {
        await api.post(`/2fa/verify-setup/user/${userId}`, { code });
        setStep('done');
      } catch (failure) {
        setAttempt(attempt + 1);
        setCode('');
        throw failure;
      }
    });

  return (
    <Modal title="Enable Two-Factor Authentication" onClose={onClose} wide={step === 'scan'}>
      {step === 'password' && (
        <form className="form" onSubmit={startEnrolment} noValidate>
          <p className="form__hint">Step 1 of 3: confirm it is you.</p>
          {error && <Alert>{error}</Alert>}
          <PasswordInput
            id="two-factor-password"
            label="Current password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
          />
          <ModalActions>
            <button type="button" className="button button--outline" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !password}>
              Continue
            </button>
          </ModalActions>
        </form>
      )}
      {step === 'scan' && (
        <form className="form" onSubmit={confirmCode} noValidate>
          <p className="form__hint">
            Step 2 of 3: scan the QR code with your authenticator app (Google Authenticator, Authy,
            Microsoft Authenticator, 1Password…), or type the secret in by hand.
          </p>
          <div className="two-factor-setup">
            <QrCode text={enrolment.qr_code_url} label="QR code for your authenticator app" />
            <div className="two-factor-setup__secret">
              <span className="form__hint">Secret for manual entry</span>
              <code data-testid="totp-secret">{enrolment.totp_secret}</code>
            </div>
          </div>
          <Alert kind="warning">
            Save these backup codes before you continue. Each one lets you sign in once if you lose
            your phone; they are not shown again.
          </Alert>
          <BackupCodes codes={enrolment.backup_codes} />
          <p className="form__hint">Then enter the 6-digit code your app shows now.</p>
          {error && <Alert>{error}</Alert>}
          <CodeBoxes key={attempt} label="6-digit code" onChange={setCode} />
          <ModalActions>
            <button type="button" className="button button--outline" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={busy || code.length !== 6}>
              Confirm
            </button>
          </ModalActions>
        </form>
      )}
      {step === 'done' && (
        <div className="form">
          <Alert kind="success">
            2FA is now enabled. From now on, login requires your password and a 2FA code.
          </Alert>
          <ModalActions>
            <button type="button" className="button button--primary" onClick={onClose}>
              Close
            </button>
          </ModalActions>
        </div>
      )}
    </Modal>
  );
}
