import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import Alert from '../ui/Alert';
import Badge from '../ui/Badge';
import ConfirmDialog from '../ui/ConfirmDialog';
import Modal, { ModalActions } from '../ui/Modal';
import BackupCodes from './BackupCodes';
import TwoFactorWizard from './TwoFactorWizard';

// "Two-Factor Authentication" on the staff account page: status, and Enable or Regenerate.
export default function TwoFactorCard({ userId }) {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const [newCodes, setNewCodes] = useState(null);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get(`/2fa/status/user/${userId}`);
      setStatus(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [userId]);

  useEffect(() => {
    load();
  }, [load]);

  async function regenerate() {
    const { data } = await api.post(`/2fa/backup-codes/regenerate/user/${userId}`);
    setDialog(null);
    setNewCodes(data.backup_codes);
    load();
  }

  function closeWizard() {
    setDialog(null);
    load();
  }

  return (
    <section className="panel card" aria-labelledby="two-factor-title" data-testid="two-factor-card">
      <header className="card__header">
        <h2 id="two-factor-title">Two-Factor Authentication</h2>
        {status && (
          <Badge kind={status.is_2fa_enabled ? 'success' : 'neutral'}>
            {status.is_2fa_enabled ? 'Enabled' : 'Disabled'}
          </Badge>
        )}
      </header>
      {error && <Alert>{error}</Alert>}
      {status && (
        <>
          <p className="card__text">
            {status.is_2fa_enabled
              ? `Login asks for a code from your authenticator app. ${status.backup_codes_remaining} of your backup codes are still unused.`
              : 'Protect your account with a code from an authenticator app on top of your password.'}
          </p>
          {status.is_2fa_enabled ? (
            <button type="button" className="button button--outline" onClick={() => setDialog('regenerate')}>
              Regenerate backup codes
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => setDialog('enable')}>
              Enable Two-Factor Authentication
            </button>
          )}
        </>
      )}
      {dialog === 'enable' && <TwoFactorWizard userId={userId} onClose={closeWizard} />}
      {dialog === 'regenerate' && (
        <ConfirmDialog
          title="Regenerate backup codes"
          confirmLabel="Regenerate"
          onConfirm={regenerate}
          onClose={() => setDialog(null)}
        >
          <p>You get 10 new backup codes. Every old code, used or not, stops working.</p>
        </ConfirmDialog>
      )}
      {newCodes && (
        <Modal title="Your new backup codes" onClose={() => setNewCodes(null)}>
          <Alert kind="warning">Save these codes now: they are not shown again.</Alert>
          <BackupCodes codes={newCodes} />
          <ModalActions>
            <button type="button" className="button button--primary" onClick={() => setNewCodes(null)}>
              Close
            </button>
          </ModalActions>
        </Modal>
      )}
    </section>
  );
}
