import useAction from '../useAction';
import Alert from './Alert';
import Modal, { ModalActions } from './Modal';

// "Are you sure?" with the consequences in `children`. onConfirm may be async; when it fails the
// dialog stays open and shows why.
export default function ConfirmDialog({ title, confirmLabel, danger = false, onConfirm, onClose, children }) {
  const { run, busy, failure } = useAction(onConfirm);
  return (
    <Modal title={title} onClose={onClose}>
      <div className="confirm">{children}</div>
      {failure && <Alert>{failure.message}</Alert>}
      <ModalActions>
        <button type="button" className="button button--outline" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          onClick={() => run()}
        >
          {confirmLabel}
        </button>
      </ModalActions>
    </Modal>
  );
}
