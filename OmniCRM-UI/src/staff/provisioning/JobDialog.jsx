import Modal from '../../shared/ui/Modal';
import LiveJob from './LiveJob';

// The progress modal of a job started from a page (renew now, a status change): the job followed
// live until it ends.
export default function JobDialog({ title, provisionId, onClose }) {
  return (
    <Modal title={title} onClose={onClose} wide>
      <LiveJob provisionId={provisionId} />
    </Modal>
  );
}
