import { useState } from 'react';
import Alert from './Alert';
import Modal, { ModalActions } from './Modal';

// "Are you sure?" with the consequences in `children`. onConfirm may be async; when it fails the
// dialog stays open and shows why.
export default function ConfirmDialog({ title, confirmLabel, danger = false, onConfirm, onClose, children }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setError('');
    setBusy(true);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure.message);
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose}>
      <div className="confirm">{children}</div>
      {error && <Alert>{error}</Alert>}
      <ModalActions>
        <button type="button" className="button button--outline" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          onClick={confirm}
        >
          {confirmLabel}
        </button>
      </ModalActions>
    </Modal>
  );
}
