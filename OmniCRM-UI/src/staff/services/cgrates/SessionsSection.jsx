import { useState } from 'react';
import Badge from '../../../shared/ui/Badge';
import Collapsible from '../../../shared/ui/Collapsible';
import DetailRow from '../../../shared/ui/DetailRow';
import Modal from '../../../shared/ui/Modal';
import RecordsTable from '../../../shared/ui/RecordsTable';
import useLoaded from '../../../shared/useLoaded';
import { when } from '../display';
import { ocsCall, sessionFilters, usageSeconds } from './ocs';

const COLUMNS = ['Setup Time', 'Usage', 'Destination'];

function SessionDialog({ session, onClose }) {
  return (
    <Modal title="Session details" onClose={onClose} wide>
      <dl className="details details--compact">
        <DetailRow label="CGRID">
          <code className="table__code">{session.CGRID ?? '—'}</code>
        </DetailRow>
        <DetailRow label="Account">{session.Account ?? '—'}</DetailRow>
        <DetailRow label="Setup Time">{when(session.SetupTime)}</DetailRow>
        <DetailRow label="Usage">{usageSeconds(session.Usage)}</DetailRow>
        <DetailRow label="Destination">{session.Destination ?? '—'}</DetailRow>
        <DetailRow label="Category">{session.Category ?? '—'}</DetailRow>
      </dl>
      <pre className="json-viewer" aria-label="Session JSON" tabIndex={0}>
        {JSON.stringify(session, null, 2)}
      </pre>
    </Modal>
  );
}

// The account's active sessions in CGRateS: read when the section opens and on Refresh only (not
// live). NOT_FOUND means none.
export default function SessionsSection({ service }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(null);
  const { value: sessions, error, reload } = useLoaded(
    async () =>
      (await ocsCall(service, 'SessionSv1.GetActiveSessions', { Filters: sessionFilters(service) }, { notFound: [] })) ??
      [],
    `sessions ${service.service_id} ${service.service_uuid}`,
    open,
  );

  return (
    <Collapsible
      title="Active sessions"
      badge={<Badge kind="info">{sessions ? sessions.length : '–'}</Badge>}
      onToggle={setOpen}
    >
      <div className="toolbar">
        <p className="form__hint">Read when opened: Refresh reads them again.</p>
        <div className="toolbar__end">
          <button type="button" className="button button--outline" onClick={reload}>
            Refresh
          </button>
        </div>
      </div>
      <RecordsTable
        label="Active sessions"
        error={error}
        columns={COLUMNS}
        records={sessions}
        emptyText="No active sessions"
        renderRow={(session, index) => (
          <tr key={session.CGRID ?? index}>
            <td className="table__nowrap">{when(session.SetupTime)}</td>
            <td>{usageSeconds(session.Usage)}</td>
            <td>{session.Destination ?? '—'}</td>
            <td className="table__actions">
              <button type="button" className="button button--outline" onClick={() => setShown(session)}>
                View Details
              </button>
            </td>
          </tr>
        )}
      />
      {shown && <SessionDialog session={shown} onClose={() => setShown(null)} />}
    </Collapsible>
  );
}
