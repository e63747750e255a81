import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import usePolling from '../../shared/usePolling';
import Alert from '../../shared/ui/Alert';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';
import ProgressBar from '../../shared/ui/ProgressBar';
import FailurePanel from './FailurePanel';
import JobStatusBadge from './JobStatusBadge';
import {
  formatDuration,
  isRunning,
  JOB_FAILED,
  jobDurationMs,
  jobProgress,
  jobStatus,
  mergeTasks,
  prettyJson,
  progressText,
} from './jobStatus';
import TaskList from './TaskList';

// The live view polls this often until the job ends.
export const JOB_POLL_MS = 1500;

const when = (value) => formatDateTime(value, { locale: config.locale });
const AUTH_METHODS = { jwt: 'signed-in user', api_key: 'API key', ip_whitelist: 'whitelisted IP' };

function Row({ label, children }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function statusLine(job) {
  const { label } = jobStatus(job);
  if (isRunning(job) && !job.started) return `Provisioning Status: ${label}`;
  return `Provisioning Status: ${label} (${progressText(job)})`;
}

function JobDetails({ job, session }) {
  return (
    <section className="panel card" aria-labelledby="job-details-heading">
      <h2 id="job-details-heading" className="card__title">
        Job
      </h2>
      <dl className="details details--compact">
        <Row label="Customer">
          {job.customer_id ? (
            <Link to={`/customers/${job.customer_id}`}>{job.customer_name ?? `Customer ${job.customer_id}`}</Link>
          ) : (
            '—'
          )}
        </Row>
        <Row label="Product">
          {job.product_id && can('view_product', session) ? (
            <Link to={`/products/${job.product_id}`}>{job.product_name ?? `Product ${job.product_id}`}</Link>
          ) : (
            (job.product_name ?? '—')
          )}
        </Row>
        <Row label="Service">{job.service_id ? `#${job.service_id}` : '—'}</Row>
        <Row label="Playbook">
          {job.playbook_description && <span>{job.playbook_description} </span>}
          <code className="table__code">{job.provisioning_play}</code>
        </Row>
        <Row label="Initiated by">
          {job.initiating_user_name ?? '—'}
          {job.auth_method && <span className="table__note"> ({AUTH_METHODS[job.auth_method] ?? job.auth_method})</span>}
        </Row>
        {job.retry_of_provision_id && (
          <Row label="Retry of">
            <Link to={`/provisioning/${job.retry_of_provision_id}`}>Job #{job.retry_of_provision_id}</Link>
          </Row>
        )}
        <Row label="Created">{when(job.created)}</Row>
        <Row label="Started">{job.started ? when(job.started) : 'Waiting to start'}</Row>
        <Row label="Finished">{job.finished ? when(job.finished) : '—'}</Row>
        <Row label="Duration">{formatDuration(jobDurationMs(job))}</Row>
      </dl>
    </section>
  );
}

function JobView({ provisionId }) {
  const session = useSession();
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get(`/crm/provision/provision_id/${provisionId}`);
      setJob(data);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [provisionId]);

  useEffect(() => {
    load();
  }, [load]);

  usePolling(load, JOB_POLL_MS, isRunning(job) && error?.status !== 404);

  if (error?.status === 404) {
    return (
      <Page title="Job not found">
        <EmptyState
          title="Job not found"
          action={
            <Link className="button button--primary" to="/provisioning">
              Back to the jobs
            </Link>
          }
        >
          There is no provisioning job {provisionId}.
        </EmptyState>
      </Page>
    );
  }
  if (!job) {
    const title = `Provisioning job #${provisionId}`;
    return <Page title={title}>{error ? <Alert>{error.message}</Alert> : <p className="page-loading">Loading…</p>}</Page>;
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
        <section className="panel card" aria-labelledby="job-progress-heading">
          <h2 id="job-progress-heading" className="card__title" aria-live="polite">
            {statusLine(job)}
          </h2>
          <ProgressBar label={progressText(job)} value={jobProgress(job).value} />
        </section>
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
