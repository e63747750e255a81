import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Badge from '../../shared/ui/Badge';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import RecordActions from '../../shared/ui/RecordActions';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { addAddonPath, mayAddAddon } from './assign/entryPoints';
import { day, money } from './display';

// Add-ons still in force; the others (returned, lost, cancelled) are history.
const CURRENT = ['Applied', 'Active', 'Pending Return'];
const STATUS_KINDS = { Active: 'success', Applied: 'success', 'Pending Return': 'warning', Lost: 'danger' };

const ACTIVE_COLUMNS = ['Add-on', 'Added', 'Next renewal', 'Status', 'Cost', 'Auto-renew', 'Inventory'];
const HISTORY_COLUMNS = ['Add-on', 'Added', 'Ended', 'Status', 'Cost'];

function AddonStatus({ addon }) {
  return <Badge kind={STATUS_KINDS[addon.status]}>{addon.status}</Badge>;
}

// Add-ons (spec 04 §19): what was added to the service, in force and past; removing one cancels
// it like a service; "Add add-on" opens the catalogue of compatible add-ons.
export default function AddonsTab({ service, reload: reloadService }) {
  const session = useSession();
  const navigate = useNavigate();
  const url = `/crm/service/${service.service_id}/addons`;
  const { records: addons, error, reload } = useRecords(url);
  const [removing, setRemoving] = useState(null);
  const [notice, setNotice] = useState('');
  const mayRemove = can('update_customer_service', session);
  const current = addons?.filter((addon) => CURRENT.includes(addon.status));
  const history = addons?.filter((addon) => !CURRENT.includes(addon.status));

  return (
    <div className="stack">
      <h2 className="card__title">Active</h2>
      <RecordsTable
        addLabel="Add add-on"
        mayAdd={mayAddAddon(service, session)}
        onAdd={() => navigate(addAddonPath(service.service_id))}
        notice={notice}
        error={error}
        columns={ACTIVE_COLUMNS}
        showActions={mayRemove}
        records={current}
        emptyText="No active add-ons"
        renderRow={(addon) => (
          <tr key={addon.service_addon_id}>
            <td>{addon.product_name}</td>
            <td className="table__nowrap">{day(addon.created)}</td>
            <td className="table__nowrap">{day(addon.next_renewal_date)}</td>
            <td>
              <AddonStatus addon={addon} />
            </td>
            <td className="table__number">{money(addon.retail_cost)}</td>
            <td>{addon.auto_renew ? 'Yes' : 'No'}</td>
            <td>{addon.inventory_ids.length > 0 ? addon.inventory_ids.map((id) => `#${id}`).join(', ') : '—'}</td>
            {mayRemove && <RecordActions name={addon.product_name} onDelete={() => setRemoving(addon)} />}
          </tr>
        )}
      />
      <h2 className="card__title">History</h2>
      <RecordsTable
        columns={HISTORY_COLUMNS}
        showActions={false}
        records={history}
        emptyText="No past add-ons"
        renderRow={(addon) => (
          <tr key={addon.service_addon_id}>
            <td>{addon.product_name}</td>
            <td className="table__nowrap">{day(addon.created)}</td>
            <td className="table__nowrap">{day(addon.cancelled_date)}</td>
            <td>
              <AddonStatus addon={addon} />
            </td>
            <td className="table__number">{money(addon.retail_cost)}</td>
          </tr>
        )}
      />
      {removing && (
        <DeleteDialog
          title="Remove add-on"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.delete(`/crm/service/${service.service_id}/addon/${removing.service_addon_id}`);
            setNotice(`${removing.product_name} has been removed.`);
            setRemoving(null);
            await Promise.all([reload(), reloadService()]);
          }}
        >
          <p>
            {removing.product_name} is removed from {service.service_name}:
          </p>
          <ul>
            <li>its benefits are taken off the service;</li>
            <li>its inventory is returned and its auto-renewal stops;</li>
            <li>an unused part may be credited to the customer.</li>
          </ul>
        </DeleteDialog>
      )}
    </div>
  );
}
