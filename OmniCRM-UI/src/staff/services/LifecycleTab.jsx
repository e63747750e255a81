import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { humanize } from '../activity/activity';
import { when } from './display';

const COLUMNS = ['Event', 'Start', 'End', 'By', 'Reason'];

// Life-cycle: activation, suspensions, renewals, cancellation… newest first.
export default function LifecycleTab({ service }) {
  const { records: events, error } = useRecords(`/crm/service/${service.service_id}/lifecycle`);
  return (
    <RecordsTable
      error={error}
      columns={COLUMNS}
      showActions={false}
      records={events}
      emptyText="No life-cycle events yet"
      renderRow={(event) => (
        <tr key={event.id}>
          <td>{humanize(event.event)}</td>
          <td className="table__nowrap">{when(event.start_date)}</td>
          <td className="table__nowrap">{when(event.end_date)}</td>
          <td>{event.actor}</td>
          <td>{event.reason || '—'}</td>
        </tr>
      )}
    />
  );
}
