import { useState } from 'react';
import { api } from '../api';
import Alert from '../ui/Alert';
import CodeBoxes from './CodeBoxes';

const MAX_FAILURES = 5;
const MODES = [
  { id: 'authenticator', label: 'Authenticator code' },
  { id: 'recovery', label: 'Recovery code' },
];

// The second login factor (spec 01 §8.1, 02 §7.2): six boxes that submit themselves, or a backup
// code. An expired challenge, or the fifth wrong code, sends the user back to the login page.
export default function TwoFactorStep({ challenge, onSession, onCancel }) {
  const [mode, setMode] = useState('authenticator');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState('');
  const [failures, setFailures] = useState(0);
  const [verifying, setVerifying] = useState(false);

  async function verify(code) {
    setError('');
    setVerifying(true);
    try {
      const { data } = await api.post(
        `/2fa/verify/user/${challenge.userId}`,
        { code, two_fa_token: challenge.twoFaToken },
        { anonymous: true },
      );
      onSession(data);
    } catch (failure) {
      if (failures + 1 >= MAX_FAILURES || /expired/i.test(failure.message)) {
        onCancel(failure.message);
        return;
      }
      setFailures(failures + 1);
      setError(failure.message);
      setRecoveryCode('');
      setVerifying(false);
    }
  }

  function switchMode(nextMode) {
    setMode(nextMode);
    setError('');
  }

  return (
    <form
      className="form"
      data-testid="two-factor-form"
      onSubmit={(event) => {
        event.preventDefault();
        verify(recoveryCode.trim());
      }}
    >
      <div className="tabs" role="tablist">
        {MODES.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={mode === id}
            className="tabs__tab"
            onClick={() => switchMode(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {error && <Alert>{error}</Alert>}
      {mode === 'authenticator' ? (
        <>
          <p className="form__hint">Enter the 6-digit code from your authenticator app.</p>
          <CodeBoxes
            key={failures}
            label="6-digit code"
            onComplete={verify}
            disabled={verifying}
            autoFocus
          />
        </>
      ) : (
        <>
          <p className="form__hint">Enter one of the 8-digit backup codes you saved when you set up 2FA.</p>
          <div className="field">
            <label htmlFor="recovery-code">Recovery code</label>
            <input
              id="recovery-code"
              value={recoveryCode}
              onChange={(event) => setRecoveryCode(event.target.value)}
              autoComplete="off"
              autoFocus
              required
            />
          </div>
          <button type="submit" className="button button--primary button--block" disabled={verifying}>
            Verify
          </button>
        </>
      )}
      <button type="button" className="button button--link" onClick={() => onCancel('')}>
        Cancel
      </button>
    </form>
  );
}
