import { parseApiTime } from '../../shared/format';

// Job statuses (spec 04 data model): 0 success, 1 running (waiting for a worker included), 2 failed.
export const JOB_SUCCESS = 0;
export const JOB_RUNNING = 1;
export const JOB_FAILED = 2;

// Event statuses (spec 04 §6): 0 ok, 1 running, 2 failed, 3 failed but ignored.
export const EVENT_OK = 0;
export const EVENT_RUNNING = 1;
export const EVENT_FAILED = 2;
export const EVENT_IGNORED = 3;

export const FATAL_EVENT = 'Fatal error';

// The list's status filter tabs: [label, provisioning_status or null].
export const STATUS_FILTERS = [
  ['All', null],
  ['Running', JOB_RUNNING],
  ['Success', JOB_SUCCESS],
  ['Failed', JOB_FAILED],
];

export const isRunning = (job) => job?.provisioning_status === JOB_RUNNING;

// {label, kind} of a job's badge; kind is a Badge kind. A running job no worker has taken yet
// (`started` null) is "Waiting to start".
export function jobStatus(job) {
  switch (job.provisioning_status) {
    case JOB_SUCCESS:
      return { label: 'Success', kind: 'success' };
    case JOB_FAILED:
      return { label: 'Failed', kind: 'danger' };
    case JOB_RUNNING:
      return job.started ? { label: 'Running', kind: 'info' } : { label: 'Waiting to start', kind: 'info' };
    default:
      return { label: `Status ${job.provisioning_status}`, kind: 'neutral' };
  }
}

// {completed, total, value}: value from 0 to 1 for the progress bar, null while the playbook's
// task count is unknown (0). A job that succeeded is complete even though its rescue tasks, which
// task_count includes, never ran.
export function jobProgress(job) {
  const total = Number(job.task_count) || 0;
  const completed = Number(job.completed_count) || 0;
  if (job.provisioning_status === JOB_SUCCESS) return { completed, total, value: 1 };
  if (total <= 0) return { completed, total, value: null };
  return { completed, total, value: Math.min(1, completed / total) };
}

export function progressText(job) {
  const { completed, total } = jobProgress(job);
  return total > 0 ? `${completed} of ${total} tasks completed` : `${completed} tasks completed`;
}

// How a row of the task list looks: {label, tone, icon}; tone is one of success, running, danger,
// warning, pending (the row's colour). `jobStatusValue` is the job's provisioning_status: a
// failure in a job that ended well was handled by the playbook's rescue section.
export function eventStatus(event, jobStatusValue) {
  switch (event.provisioning_status) {
    case EVENT_OK:
      return { label: isSkipped(event) ? 'Skipped' : 'OK', tone: 'success', icon: '✓' };
    case EVENT_RUNNING:
      return jobStatusValue === JOB_RUNNING
        ? { label: 'Running', tone: 'running', icon: '' }
        : { label: 'Did not finish', tone: 'danger', icon: '✕' };
    case EVENT_FAILED:
      return jobStatusValue === JOB_SUCCESS
        ? { label: 'Failed, handled by rescue', tone: 'danger', icon: '✕' }
        : { label: 'Failed', tone: 'danger', icon: '✕' };
    case EVENT_IGNORED:
      return { label: 'Failed, ignored', tone: 'warning', icon: '!' };
    default:
      return { label: `Status ${event.provisioning_status}`, tone: 'pending', icon: '◇' };
  }
}

// A JSON string of the API parsed, or the text itself when it is not JSON (null when empty).
export function parseJsonText(text) {
  if (text === null || text === undefined || text === '') return null;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Pretty-printed JSON for a <pre>; text that is not JSON as it is.
export function prettyJson(text) {
  const value = parseJsonText(text);
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function isSkipped(event) {
  const result = parseJsonText(event.provisioning_result_json);
  return Boolean(result && typeof result === 'object' && result.skipped === true);
}

// The task list of a job: its events in order, and the planned tasks of the playbook's main block
// that have no event (yet). Events are matched to planned tasks by name, in order (a name may come
// twice); events the plan does not name (rescue and always tasks, the fatal error) stay in their
// place. Unmatched planned tasks are `pending` while the job may still reach them, `not_run` once
// it has ended or a task failed (Ansible then leaves the block).
// Returns [{key, name, event | null, state: 'event' | 'pending' | 'not_run'}].
export function mergeTasks(plannedTasks = [], events = [], jobStatusValue = JOB_RUNNING) {
  const rows = [];
  let next = 0;
  events.forEach((event) => {
    const index = plannedTasks.indexOf(event.event_name, next);
    if (index !== -1) next = index + 1;
    rows.push({ key: `event-${event.provision_event_id}`, name: event.event_name, event, state: 'event' });
  });
  const blockFailed = events.some((event) => event.provisioning_status === EVENT_FAILED);
  const state = jobStatusValue === JOB_RUNNING && !blockFailed ? 'pending' : 'not_run';
  plannedTasks.slice(next).forEach((name, offset) => {
    rows.push({ key: `planned-${next + offset}`, name, event: null, state });
  });
  return rows;
}

// "1 h 2 min", "3 min 5 s", "12 s"; '—' when unknown.
export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

// From the start to the end of the run (to `now` while it runs); null before a worker took it.
export function jobDurationMs(job, now = Date.now()) {
  const started = job.started ? parseApiTime(job.started) : null;
  if (!started) return null;
  const finished = job.finished ? parseApiTime(job.finished) : null;
  return (finished ? finished.getTime() : now) - started.getTime();
}

// The details of a `Fatal error` event's result: {exit_code, stdout, stderr, common_causes,
// variables} or {reason, ...}; null for any other event.
export function fatalDetails(event) {
  if (!event || event.event_name !== FATAL_EVENT) return null;
  const result = parseJsonText(event.provisioning_result_json);
  return result && typeof result === 'object' ? result : { message: String(result ?? '') };
}
