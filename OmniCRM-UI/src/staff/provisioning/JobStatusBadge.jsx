import Badge from '../../shared/ui/Badge';
import ProgressBar from '../../shared/ui/ProgressBar';
import { isRunning, jobProgress, jobStatus, progressText } from './jobStatus';

// A job's status badge; a running job that has started shows its progress under it.
export default function JobStatusBadge({ job, withProgress = false }) {
  const { label, kind } = jobStatus(job);
  return (
    <>
      <Badge kind={kind}>{label}</Badge>
      {withProgress && isRunning(job) && job.started && (
        <div className="job-progress">
          <ProgressBar label={progressText(job)} value={jobProgress(job).value} />
        </div>
      )}
    </>
  );
}
