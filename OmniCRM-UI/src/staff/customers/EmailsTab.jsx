import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import Badge from '../../shared/ui/Badge';
import PagedRecordsTable from '../../shared/ui/PagedRecordsTable';
import { humanize } from '../activity/activity';
import { emailTypeLabel } from '../communications/emailTypes';

const COLUMNS = ['Date', 'Type', 'Recipient', 'Subject', 'Status'];
const STATUS_KINDS = { sent: 'success', queued: 'info', failed: 'danger', skipped: 'warning' };

// E-mails: what was sent to the customer (welcome, service notices…), newest first, with the
// reason of the failed and skipped ones.
export default function EmailsTab({ customer }) {
  return (
    <PagedRecordsTable
      url={`/crm/communication/customer_id/${customer.customer_id}`}
      columns={COLUMNS}
      emptyText="No e-mails yet"
      itemName="e-mails"
      renderRow={(email) => (
        <tr key={email.communication_id}>
          <td className="table__nowrap">{formatDateTime(email.created, { locale: config.locale })}</td>
          <td>{emailTypeLabel(email.template_key)}</td>
          <td>{email.to_email}</td>
          <td>{email.subject || '—'}</td>
          <td>
            <Badge kind={STATUS_KINDS[email.status]}>{humanize(email.status)}</Badge>
            {email.error && <p className="table__note">{email.error}</p>}
          </td>
        </tr>
      )}
    />
  );
}
