import { displayName } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import CopyButton from '../../shared/ui/CopyButton';
import Modal, { ModalActions } from '../../shared/ui/Modal';

// Shows an admin-reset temporary password, once.
export default function TemporaryPasswordDialog({ user, password, onClose }) {
  return (
    <Modal title="Temporary password" onClose={onClose}>
      <div className="form">
        <p>The new temporary password of {displayName(user)}:</p>
        <input
          className="secret-field"
          readOnly
          value={password}
          aria-label="Temporary password"
          onFocus={(event) => event.target.select()}
        />
        <Alert kind="warning">
          Give this password to the user over a secure channel, such as in person or by phone, never
          by e-mail or chat. It is not shown again, and the user must change it at their next login.
        </Alert>
        <ModalActions>
          <CopyButton text={password} label="Copy password" />
          <button type="button" className="button button--primary" onClick={onClose}>
            Close
          </button>
        </ModalActions>
      </div>
    </Modal>
  );
}
