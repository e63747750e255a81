import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import FormModal from '../../shared/ui/FormModal';
import RecordActions from '../../shared/ui/RecordActions';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { address, siteBody, siteValues } from './customerFields';
import { SiteFields } from './formSections';
import useHighlight from './useHighlight';

function SiteFormModal({ customer, site, onClose, onSaved }) {
  const [values, setValues] = useState(() => siteValues(site));
  return (
    <FormModal
      title={site ? `Edit ${site.site_name}` : 'Add site'}
      submitLabel={site ? 'Save changes' : 'Add site'}
      wide
      onClose={onClose}
      onSave={async () => {
        const { data } = site
          ? await api.patch(`/crm/site/site_id/${site.site_id}`, siteBody(values))
          : await api.put('/crm/site/', { customer_id: customer.customer_id, ...siteBody(values) });
        onSaved(`${data.site_name} has been saved.`);
      }}
    >
      {(errors) => (
        <SiteFields
          values={values}
          onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          errors={errors}
          idPrefix="site-form"
        />
      )}
    </FormModal>
  );
}

// Sites: where the customer's services are, with coordinates and plus code for technicians.
export default function SitesTab({ customer, onChanged }) {
  const session = useSession();
  const { state } = useLocation();
  const { records: sites, error, reload } = useRecords(`/crm/site/customer_id/${customer.customer_id}`);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const writable = customer.customer_status !== 'Archived';
  const mayCreate = writable && can('create_customer_site', session);
  const mayUpdate = writable && can('update_customer_site', session);
  const mayDelete = writable && can('delete_customer_site', session);

  const highlight = useHighlight(state?.siteId, sites);

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    reload();
    onChanged();
  };

  return (
    <div className="stack">
      <RecordsTable
        addLabel="Add site"
        onAdd={() => setDialog({ type: 'form' })}
        mayAdd={mayCreate}
        notice={notice}
        error={error}
        columns={['Site name', 'Address', 'Country', 'Coordinates', 'Plus code']}
        records={sites}
        emptyText="No sites yet"
        renderRow={(site) => (
          <tr key={site.site_id} {...highlight(site.site_id)}>
            <td>
              {site.site_name}
              {site.address_note && <p className="table__note">{site.address_note}</p>}
            </td>
            <td>{address(site)}</td>
            <td>{site.country}</td>
            <td className="table__nowrap">
              {site.latitude}, {site.longitude}
            </td>
            <td className="table__nowrap">
              <code>{site.plus_code}</code>
            </td>
            <RecordActions
              name={site.site_name}
              onEdit={mayUpdate && (() => setDialog({ type: 'form', site }))}
              onDelete={mayDelete && (() => setDialog({ type: 'delete', site }))}
            />
          </tr>
        )}
      />

      {dialog?.type === 'form' && (
        <SiteFormModal customer={customer} site={dialog.site} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog?.type === 'delete' && (
        <DeleteDialog
          title="Delete site"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/site/site_id/${dialog.site.site_id}`);
            done(`${dialog.site.site_name} has been deleted.`);
          }}
        >
          <p>
            {dialog.site.site_name} ({address(dialog.site)}) is removed from this customer. A site still used by an
            active service cannot be deleted.
          </p>
        </DeleteDialog>
      )}
    </div>
  );
}
