import { Link, useParams } from 'react-router-dom';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import DetailRow from '../../shared/ui/DetailRow';
import Page from '../../shared/ui/Page';
import RecordPlaceholder from '../../shared/ui/RecordPlaceholder';
import FailurePanel from './FailurePanel';
import JobProgressCard from './JobProgressCard';
import { formatDuration, JOB_FAILED, jobDurationMs, mergeTasks, prettyJson } from './jobStatus';
import JobStatusBadge from './JobStatusBadge';
import TaskList from './TaskList';
import useJob from './useJob';

const when = (value) => formatDateTime(value, { locale: config.locale });
const AUTH_METHODS = { jwt: 'signed-in user', api_key: 'API key', ip_whitelist: 'whitelisted IP' };

function JobDetails({ job, session }) {
  return (
    <section className="panel card" aria-labelledby="job-details-heading">
      <h2 id="job-details-heading" className="card__title">
        Job
      </h2>
      <dl className="details details--compact">
        <DetailRow label="Customer">
          {job.customer_id ? (
            <Link to={`/customers/${job.customer_id}`}>{job.customer_name ?? `Customer ${job.customer_id}`}</Link>
          ) : (
            '—'
          )}
        </DetailRow>
        <DetailRow label="Product">
          {job.product_id && can('view_product', session) ? (
            <Link to={`/products/${job.product_id}`}>{job.product_name ?? `Product ${job.product_id}`}</Link>
          ) : (
            (job.product_name ?? '—')
          )}
        </DetailRow>
        <DetailRow label="Service">{job.service_id ? `#${job.service_id}` : '—'}</DetailRow>
        <DetailRow label="Playbook">
          {job.playbook_description && <span>{job.playbook_description} </span>}
          <code className="table__code">{job.provisioning_play}</code>
        </DetailRow>
        <DetailRow label="Initiated by">
          {job.initiating_user_name ?? '—'}
          {job.auth_method && <span className="table__note"> ({AUTH_METHODS[job.auth_method] ?? job.auth_method})</span>}
        </DetailRow>
        {job.retry_of_provision_id && (
          <DetailRow label="Retry of">
            <Link to={`/provisioning/${job.retry_of_provision_id}`}>Job #{job.retry_of_provision_id}</Link>
          </DetailRow>
        )}
        <DetailRow label="Created">{when(job.created)}</DetailRow>
        <DetailRow label="Started">{job.started ? when(job.started) : 'Waiting to start'}</DetailRow>
        <DetailRow label="Finished">{job.finished ? when(job.finished) : '—'}</DetailRow>
        <DetailRow label="Duration">{formatDuration(jobDurationMs(job))}</DetailRow>
      </dl>
    </section>
  );
}

function JobView({ provisionId }) {
  const session = useSession();
  const { job, error } = useJob(provisionId);

  if (!job || error?.status === 404) {
    return <RecordPlaceholder what="Job" id={provisionId} failure={error} list="/provisioning" />;
  }

  const events = job.provisioning_result_json ?? [];
  const rows = mergeTasks(job.planned_tasks ?? [], events, job.provisioning_status);
  const variables = prettyJson(job.provisioning_json_vars);

  return (
    <Page
      title={`Provisioning job #${job.provision_id}`}
      meta={
        <div className="customer-meta">
          <JobStatusBadge job={job} />
        </div>
      }
    >
      <div className="stack">
        <div className="toolbar">
          <div>
            <Link className="button button--outline" to="/provisioning">
              Back to the jobs
            </Link>
          </div>
        </div>
        {error && <Alert>{error.message}</Alert>}
        <JobProgressCard job={job} />
        {job.provisioning_status === JOB_FAILED && <FailurePanel job={job} mayRetry={can('create_provision', session)} />}
        <div className="job-layout">
          <section className="panel card" aria-labelledby="job-tasks-heading">
            <h2 id="job-tasks-heading" className="card__title">
              Tasks
            </h2>
            <TaskList rows={rows} jobStatusValue={job.provisioning_status} />
          </section>
          <div className="stack">
            <JobDetails job={job} session={session} />
            <details className="panel card collapsible">
              <summary>Variables (secrets redacted)</summary>
              <pre className="config-content" aria-label="Variables">
                {variables || '{}'}
              </pre>
            </details>
          </div>
        </div>
      </div>
    </Page>
  );
}

// One provisioning job, live (spec 04 UI "Job detail"): polled until it ends. A new job (after
// Retry) starts a fresh view.
export default function JobPage() {
  const { provisionId } = useParams();
  return <JobView key={provisionId} provisionId={provisionId} />;
}
