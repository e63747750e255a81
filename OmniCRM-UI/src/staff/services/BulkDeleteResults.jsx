import { Link } from 'react-router-dom';
import Alert from '../../shared/ui/Alert';

const SAID = {
  deleted: () => 'deleted',
  deletion_started: (result) => (
    <>
      deletion started (<Link to={`/provisioning/${result.provision_id}`}>job #{result.provision_id}</Link>)
    </>
  ),
};

// What POST /crm/service/bulk_delete answered for each id (spec 04 §16): deleted, deletion started
// by a deprovision job, or why not.
export default function BulkDeleteResults({ results }) {
  const failed = results.filter((result) => !SAID[result.status]);
  return (
    <Alert kind={failed.length > 0 ? 'warning' : 'success'}>
      <strong>
        {results.length - failed.length} of {results.length} deleted or being deleted
      </strong>
      <ul className="alert__list" aria-label="Deletion results">
        {results.map((result) => (
          <li key={result.service_id}>
            Service #{result.service_id}: {SAID[result.status]?.(result) ?? result.message ?? result.status}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
