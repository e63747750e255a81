import { useState } from 'react';
import Alert from './Alert';
import Modal, { ModalActions } from './Modal';

// A dialog holding one form. `onSave` sends it (and closes the dialog on success); when the API
// refuses, the message shows on top and `children(errors)` draws the fields with their reasons.
export default function FormModal({ title, submitLabel, onSave, onClose, wide = false, children }) {
  const [failure, setFailure] = useState(null);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await onSave();
    } catch (refusal) {
      setFailure(refusal);
      setSaving(false);
    }
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
          <button type="submit" className="button button--primary" disabled={saving}>
            {submitLabel}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
