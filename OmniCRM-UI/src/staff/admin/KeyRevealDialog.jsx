import Alert from '../../shared/ui/Alert';
import CopyButton from '../../shared/ui/CopyButton';
import Modal, { ModalActions } from '../../shared/ui/Modal';

// The one time a full key is shown: after create or regenerate.
export default function KeyRevealDialog({ apiKey, onClose }) {
  return (
    <Modal title={`API key: ${apiKey.name}`} onClose={onClose}>
      <div className="form">
        <Alert kind="warning">Copy this key now – it will not be shown again!</Alert>
        <input
          className="secret-field"
          readOnly
          value={apiKey.api_key}
          aria-label="API key"
          onFocus={(event) => event.target.select()}
        />
        <ModalActions>
          <CopyButton text={apiKey.api_key} label="Copy to Clipboard" />
          <button type="button" className="button button--primary" onClick={onClose}>
            Close
          </button>
        </ModalActions>
      </div>
    </Modal>
  );
}
