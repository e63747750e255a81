import ProgressBar from '../../shared/ui/ProgressBar';
import { isRunning, jobProgress, jobStatus, progressText } from './jobStatus';

function statusLine(job) {
  const { label } = jobStatus(job);
  if (isRunning(job) && !job.started) return `Provisioning Status: ${label}`;
  return `Provisioning Status: ${label} (${progressText(job)})`;
}

// "Provisioning Status: Running (8 of 12 tasks completed)" over the job's progress bar, and what
// `children` adds (the compact task list of the progress views).
export default function JobProgressCard({ job, children }) {
  return (
    <section className="panel card" aria-labelledby="job-progress-heading">
      <h2 id="job-progress-heading" className="card__title" aria-live="polite">
        {statusLine(job)}
      </h2>
      <ProgressBar label={progressText(job)} value={jobProgress(job).value} />
      {children}
    </section>
  );
}
