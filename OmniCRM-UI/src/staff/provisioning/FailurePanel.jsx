import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import ApiErrorAlert from '../../shared/ui/ApiErrorAlert';
import useAction from '../../shared/useAction';
import { fatalDetails, FATAL_EVENT, prettyJson } from './jobStatus';

function Output({ title, text }) {
  return (
    <details className="collapsible">
      <summary>{title}</summary>
      <pre className="config-content">{text || '(empty)'}</pre>
    </details>
  );
}

// What Ansible said when it failed without a failed task (spec 04 §7), or why the run was cut.
function FatalError({ details }) {
  if (details.reason) {
    const why = {
      timeout: `The run was cancelled after ${details.timeout_seconds ?? '?'} s; the playbook's rescue section did not run.`,
      interrupted: details.message ?? 'The job was interrupted by an API restart.',
    };
    return (
      <dl className="details details--compact">
        <div className="details__row">
          <dt>Fatal error</dt>
          <dd>{why[details.reason] ?? `${details.reason}${details.message ? `: ${details.message}` : ''}`}</dd>
        </div>
      </dl>
    );
  }
  const causes = Array.isArray(details.common_causes) ? details.common_causes : [];
  return (
    <div className="stack stack--tight">
      <dl className="details details--compact">
        <div className="details__row">
          <dt>Exit code</dt>
          <dd>
            <code>{details.exit_code ?? 'none (Ansible did not start)'}</code>
          </dd>
        </div>
        <div className="details__row">
          <dt>Common causes</dt>
          <dd>
            {causes.length > 0 ? (
              <ul className="plain-list" aria-label="Common causes">
                {causes.map((cause) => (
                  <li key={cause}>{cause}</li>
                ))}
              </ul>
            ) : (
              'None recognised: read the output below.'
            )}
          </dd>
        </div>
      </dl>
      <Output title="Standard output (stdout)" text={details.stdout} />
      <Output title="Error output (stderr)" text={details.stderr} />
      {details.variables !== undefined && (
        <Output title="Variables of the run (secrets redacted)" text={prettyJson(JSON.stringify(details.variables))} />
      )}
    </div>
  );
}

// A failed job (spec 04 §7, §10, §18.7): the error summary, the fatal-error details when Ansible
// itself failed, and Retry (a new job from the same request) for holders of create_provision. The
// new job opens on its page, or goes to `onRetried(provisionId)`; `withLogsLink` adds the job's id
// and a link to its page (for the progress views).
export default function FailurePanel({ job, mayRetry, onRetried, withLogsLink = false }) {
  const navigate = useNavigate();
  const { run: retry, busy: retrying, failure: error } = useAction(async () => {
    const { data } = await api.post(`/crm/provision/provision_id/${job.provision_id}/retry`);
    if (onRetried) onRetried(data.provision_id);
    else navigate(`/provisioning/${data.provision_id}`);
  });
  const fatal = fatalDetails(job.provisioning_result_json?.find((event) => event.event_name === FATAL_EVENT));

  return (
    <section className="panel card failure-panel" aria-labelledby="job-failure-heading">
      <h2 id="job-failure-heading" className="card__title">
        Provisioning failed
      </h2>
      <Alert>{job.error_summary || 'The playbook failed.'}</Alert>
      <p className="card__text">
        The service record may have been created but provisioning was not completed. Please review the error and
        retry.
      </p>
      {withLogsLink && <p className="card__text">Provisioning ID: #{job.provision_id}</p>}
      {fatal && <FatalError details={fatal} />}
      {error && (
        <ApiErrorAlert error={error}>
          {error.status === 409 && Object.keys(error.errors ?? {}).length > 0 && (
            <p className="alert__text">Choose another item: provision the product again with a new selection.</p>
          )}
        </ApiErrorAlert>
      )}
      {(mayRetry || withLogsLink) && (
        <div className="card__actions">
          {withLogsLink && (
            <Link className="button button--outline" to={`/provisioning/${job.provision_id}`}>
              View Logs
            </Link>
          )}
          {mayRetry && (
            <button type="button" className="button button--primary" disabled={retrying} onClick={() => retry()}>
              Retry
            </button>
          )}
        </div>
      )}
    </section>
  );
}
