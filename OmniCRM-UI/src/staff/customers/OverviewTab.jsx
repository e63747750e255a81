import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate, formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import FormModal from '../../shared/ui/FormModal';
import Widgets from '../../shared/ui/Widgets';
import ArpuPanel from './ArpuPanel';
import { customerBody, customerValues, paymentTypeLabel, STATUS_CHANGES } from './customerFields';
import { CustomerFields } from './formSections';
import StatusBadge from './StatusBadge';

function EditCustomerModal({ customer, onClose, onSaved }) {
  const [values, setValues] = useState(() => customerValues(customer));
  return (
    <FormModal
      title="Edit customer"
      submitLabel="Save changes"
      wide
      onClose={onClose}
      onSave={async () => {
        await api.patch(`/crm/customer/customer_id/${customer.customer_id}`, customerBody(values));
        onSaved('The customer has been saved.');
      }}
    >
      {(errors) => (
        <CustomerFields
          values={values}
          onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          errors={errors}
          idPrefix="edit-customer"
        />
      )}
    </FormModal>
  );
}

// Manual status changes allowed from the current status (Open ↔ Suspended, → Closed, Closed → Open).
function StatusChange({ customer, onChanged }) {
  const choices = STATUS_CHANGES[customer.customer_status];
  const [status, setStatus] = useState(choices[0]);
  const [error, setError] = useState('');
  if (choices.length === 0) return null;

  async function change() {
    setError('');
    try {
      await api.patch(`/crm/customer/customer_id/${customer.customer_id}`, { customer_status: status });
      onChanged(`The status is now ${status}.`);
    } catch (failure) {
      setError(failure.message);
    }
  }

  return (
    <div className="status-change">
      <label htmlFor="customer-new-status">Change status to</label>
      <select id="customer-new-status" value={status} onChange={(event) => setStatus(event.target.value)}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      <button type="button" className="button button--outline" onClick={change}>
        Change status
      </button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

// Overview: a summary of the customer's records, its revenue and ARPU, its details, and edit /
// status / archive.
export default function OverviewTab({ customer, onChanged }) {
  const session = useSession();
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const archived = customer.customer_status === 'Archived';
  const mayUpdate = can('update_customer', session) && !archived;
  const mayArchive = can('delete_customer', session);
  const when = (value) => formatDateTime(value, { locale: config.locale });
  const day = (value) => formatDate(value, { locale: config.locale });

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    onChanged();
  };

  const details = [
    ['Customer ID', customer.customer_id],
    ['Name', customer.customer_name],
    ['Account type', customer.customer_account_type],
    ['Status', <StatusBadge key="status" status={customer.customer_status} />],
    ['Payment type', paymentTypeLabel(customer.customer_payment_type)],
    ['Enabled', customer.customer_enabled ? 'Yes' : 'No'],
    ['Tax ID', customer.tax_identifier || '—'],
    ['Contract start', day(customer.contract_start_date)],
    ['Contract end', day(customer.contract_end_date)],
    ['Created', when(customer.created)],
    ['Last modified', when(customer.last_modified)],
  ];
  const summary = [
    { key: 'contacts', label: 'Contacts', value: customer.contacts.length },
    { key: 'sites', label: 'Sites', value: customer.sites.length },
    { key: 'tags', label: 'Active tags', value: customer.tags.length },
  ];

  return (
    <div className="stack">
      {notice && <Alert kind="success">{notice}</Alert>}
      {archived && (
        <Alert kind="warning">This customer is archived: its records are read-only until it is restored.</Alert>
      )}
      <Widgets label="Records" items={summary} />
      <ArpuPanel customerId={customer.customer_id} />
      <section className="panel card" aria-labelledby="customer-details-heading">
        <div className="card__header">
          <h2 id="customer-details-heading">Details</h2>
          <div className="card__actions">
            {mayUpdate && (
              <button type="button" className="button button--outline" onClick={() => setDialog('edit')}>
                Edit
              </button>
            )}
            {mayArchive && !archived && (
              <button type="button" className="button button--danger" onClick={() => setDialog('archive')}>
                Archive
              </button>
            )}
            {mayArchive && archived && (
              <button type="button" className="button button--primary" onClick={() => setDialog('restore')}>
                Restore
              </button>
            )}
          </div>
        </div>
        <dl className="details details--compact">
          {details.map(([label, value]) => (
            <div className="details__row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {mayUpdate && <StatusChange key={customer.customer_status} customer={customer} onChanged={done} />}
      </section>

      {dialog === 'edit' && <EditCustomerModal customer={customer} onClose={() => setDialog(null)} onSaved={done} />}
      {dialog === 'archive' && (
        <ConfirmDialog
          title="Archive customer"
          confirmLabel="Archive"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/customer/customer_id/${customer.customer_id}`);
            done(`${customer.customer_name} has been archived.`);
          }}
        >
          <p>
            {customer.customer_name} is hidden from the customer list and search, and its portal users can no longer log
            in.
          </p>
          <p>Its contacts, sites, tags, attributes and activity log are kept, and it can be restored later.</p>
        </ConfirmDialog>
      )}
      {dialog === 'restore' && (
        <ConfirmDialog
          title="Restore customer"
          confirmLabel="Restore"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.post(`/crm/customer/customer_id/${customer.customer_id}/restore`);
            done(`${customer.customer_name} has been restored.`);
          }}
        >
          <p>{customer.customer_name} gets back the status it had before it was archived.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
