import { useState } from 'react';
import { Link } from 'react-router-dom';
import { relativeTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import Page from '../../shared/ui/Page';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import JobDialog from '../provisioning/JobDialog';
import { money } from './display';
import { RemoveAutoRenewDialog, RenewNowDialog } from './RenewalDialogs';
import { ServiceStatusBadge } from './ServiceBadges';

const COLUMNS = ['Customer', 'Service', 'Product', 'Cost', 'Renews On', 'Status'];

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

// "2025-02-01 00:00 UTC": the time as the OCS gave it, in its own zone.
export function wallClock(value) {
  const match = ISO.exec(value ?? '');
  if (!match) return value ?? '';
  const [, date, time, zone] = match;
  return `${date} ${time}${zone ? ` ${zone === 'Z' ? 'UTC' : zone}` : ''}`;
}

function RenewsOn({ row }) {
  if (!row.next_run_time) return null;
  return (
    <>
      {wallClock(row.next_run_time)}
      <p className="table__note">{row.next_run_time_hr || relativeTime(row.next_run_time)}</p>
    </>
  );
}

// Upcoming Auto-Renewals (spec 04 §20): the renewal plans the OCS has scheduled, soonest first,
// with Renew Now and Remove Auto-Renew; Refresh reads the OCS again (it may lag).
export default function AutoRenewalsPage() {
  const session = useSession();
  const { records, error, failure, reload } = useRecords('/crm/service/auto_renewals');
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const mayRenew = can('create_provision', session);
  const mayRemove = can('update_customer_service', session);

  const open = (next) => {
    setNotice('');
    setDialog(next);
  };
  const closeJob = () => {
    setDialog(null);
    reload();
  };

  return (
    <Page
      title="Upcoming Auto-Renewals"
      actions={
        <button type="button" className="button button--outline" onClick={reload}>
          Refresh
        </button>
      }
    >
      <div className="stack">
        {failure?.status === 502 && (
          <Alert kind="warning">OCS unavailable: the scheduled renewals cannot be read now. Try Refresh later.</Alert>
        )}
        <RecordsTable
          notice={notice}
          error={failure?.status === 502 ? '' : error}
          columns={COLUMNS}
          showActions={mayRenew || mayRemove}
          records={records?.data}
          emptyText="No renewals scheduled"
          renderRow={(row) => (
            <tr key={row.action_plan_id}>
              <td>{row.customer_id ? <Link to={`/customers/${row.customer_id}`}>{row.customer_name}</Link> : 'N/A'}</td>
              <td>{row.service_id ? <Link to={`/services/${row.service_id}`}>{row.service_name}</Link> : 'N/A'}</td>
              <td>{row.product_name}</td>
              <td className="table__number">{money(row.cost)}</td>
              <td className="table__nowrap">
                <RenewsOn row={row} />
              </td>
              <td>
                <ServiceStatusBadge status={row.service_status} />
              </td>
              {(mayRenew || mayRemove) && (
                <td className="table__actions">
                  {row.service_id && mayRenew && (
                    <button type="button" className="button button--outline" onClick={() => open({ renew: row })}>
                      Renew Now
                    </button>
                  )}
                  {row.service_id && mayRemove && (
                    <button type="button" className="button button--outline" onClick={() => open({ remove: row })}>
                      Remove Auto-Renew
                    </button>
                  )}
                </td>
              )}
            </tr>
          )}
        />
      </div>
      {dialog?.renew && (
        <RenewNowDialog
          renewal={{ ...dialog.renew, next: wallClock(dialog.renew.next_run_time) }}
          onClose={() => setDialog(null)}
          onStarted={(provisionId) =>
            setDialog({ job: { provisionId, title: `Renewal of ${dialog.renew.service_name}` } })
          }
        />
      )}
      {dialog?.remove && (
        <RemoveAutoRenewDialog
          serviceId={dialog.remove.service_id}
          serviceName={dialog.remove.service_name}
          onClose={() => setDialog(null)}
          onRemoved={() => {
            setNotice(`Auto-renew removed from ${dialog.remove.service_name}.`);
            setDialog(null);
            reload();
          }}
        />
      )}
      {dialog?.job && <JobDialog {...dialog.job} onClose={closeJob} />}
    </Page>
  );
}
