import { Link } from 'react-router-dom';
import RecordsTable from '../../shared/ui/RecordsTable';
import StateBadge from '../inventory/StateBadge';

const COLUMNS = ['ID', 'Type', 'Identifier', 'Detail', 'State'];

// Inventory: the items linked to the service (SIM, number, router…).
export default function InventoryTab({ service }) {
  return (
    <RecordsTable
      columns={COLUMNS}
      showActions={false}
      records={service.inventory ?? []}
      emptyText="No inventory linked to this service"
      renderRow={(item) => (
        <tr key={item.inventory_id}>
          <td>
            <Link to={`/inventory/items/${item.inventory_id}`}>#{item.inventory_id}</Link>
          </td>
          <td>{item.item}</td>
          <td>{item.itemtext1}</td>
          <td>{item.itemtext2 ?? '—'}</td>
          <td>
            <StateBadge state={item.item_state} />
          </td>
        </tr>
      )}
    />
  );
}
