import { useState } from 'react';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import FailurePanel from './FailurePanel';
import JobProgressCard from './JobProgressCard';
import { JOB_FAILED, JOB_SUCCESS, mergeTasks } from './jobStatus';
import TaskList from './TaskList';
import useJob from './useJob';

function FollowedJob({ provisionId, onRetried, success }) {
  const session = useSession();
  const { job, error } = useJob(provisionId);
  if (!job)
    return error ? <Alert>{error.message}</Alert> : <p className="page-loading">Starting job #{provisionId}…</p>;
  const rows = mergeTasks(job.planned_tasks ?? [], job.provisioning_result_json ?? [], job.provisioning_status);
  return (
    <div className="stack">
      {error && <Alert>{error.message}</Alert>}
      <JobProgressCard job={job}>
        <TaskList rows={rows} jobStatusValue={job.provisioning_status} />
      </JobProgressCard>
      {job.provisioning_status === JOB_SUCCESS && success?.(job)}
      {job.provisioning_status === JOB_FAILED && (
        <FailurePanel job={job} mayRetry={can('create_provision', session)} onRetried={onRetried} withLogsLink />
      )}
    </div>
  );
}

// A provisioning job followed live in compact form (spec 04 UI "Progress modal"): progress, tasks,
// then `success(job)` or the failure panel, whose Retry follows the new job in place.
export default function LiveJob({ provisionId, success }) {
  const [current, setCurrent] = useState(provisionId);
  return <FollowedJob key={current} provisionId={current} onRetried={setCurrent} success={success} />;
}
