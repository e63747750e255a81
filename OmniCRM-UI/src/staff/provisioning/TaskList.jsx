import { useState } from 'react';
import { parseApiTime } from '../../shared/format';
import { EVENT_FAILED, eventStatus, FATAL_EVENT, formatDuration, prettyJson } from './jobStatus';

const PENDING = {
  pending: { label: 'Pending', tone: 'pending', icon: '◇' },
  not_run: { label: 'Not run', tone: 'pending', icon: '◇' },
};

function took(event) {
  const start = event.timestamp ? parseApiTime(event.timestamp) : null;
  const end = event.finished ? parseApiTime(event.finished) : null;
  return start && end ? formatDuration(end - start) : '';
}

function StatusIcon({ look }) {
  if (look.tone === 'running') return <span className="spinner" role="img" aria-label="Running" />;
  return (
    <span className="task__icon" aria-hidden="true">
      {look.icon}
    </span>
  );
}

// Failed tasks open with their result shown (the fatal error has its own panel).
const opensExpanded = (event) => event.provisioning_status === EVENT_FAILED && event.event_name !== FATAL_EVENT;

// The job's tasks in order (jobStatus.mergeTasks rows): each event coloured by its status and
// expandable to its pretty-printed result; planned tasks without an event greyed.
export default function TaskList({ rows, jobStatusValue }) {
  const [expanded, setExpanded] = useState({});

  if (rows.length === 0) return <p className="empty-text">No tasks have started yet.</p>;
  return (
    <ol className="task-list" aria-label="Tasks">
      {rows.map((row) => {
        if (!row.event) {
          const look = PENDING[row.state];
          return (
            <li key={row.key} className={`task task--${look.tone}`}>
              <div className="task__summary">
                <StatusIcon look={look} />
                <span className="task__name">{row.name}</span>
                <span className="task__status">{look.label}</span>
              </div>
            </li>
          );
        }
        const { event } = row;
        const look = eventStatus(event, jobStatusValue);
        const open = expanded[row.key] ?? opensExpanded(event);
        const result = prettyJson(event.provisioning_result_json);
        const duration = took(event);
        return (
          <li key={row.key} className={`task task--${look.tone}`}>
            <button
              type="button"
              className="task__summary task__toggle"
              aria-expanded={open}
              onClick={() => setExpanded((current) => ({ ...current, [row.key]: !open }))}
            >
              <StatusIcon look={look} />
              <span className="task__number">{event.event_number}.</span>
              <span className="task__name">{row.name}</span>
              <span className="task__status">{look.label}</span>
              {duration && <span className="task__time">{duration}</span>}
            </button>
            {open && (
              <pre className="config-content task__result" aria-label={`Result of ${row.name}`}>
                {result || 'No result recorded yet.'}
              </pre>
            )}
          </li>
        );
      })}
    </ol>
  );
}
