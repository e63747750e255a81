import useAction from '../useAction';
import Alert from './Alert';
import Modal, { ModalActions } from './Modal';

// A dialog holding one form. `onSave` sends it (and closes the dialog on success, or asks
// something first); when the API refuses, the message shows on top and `children(errors)` draws
// the fields with their reasons.
export default function FormModal({ title, submitLabel, onSave, onClose, wide = false, children }) {
  const { run, busy, failure } = useAction(onSave);

  function handleSubmit(event) {
    event.preventDefault();
    run();
  }

  return (
    <Modal title={title} onClose={onClose} wide={wide}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        {failure && <Alert>{failure.message}</Alert>}
        {children(failure?.errors ?? {})}
        <ModalActions>
          <button type="button" className="button button--outline" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
