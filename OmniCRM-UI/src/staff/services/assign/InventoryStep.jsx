import { useState } from 'react';
import { api } from '../../../shared/api';
import Alert from '../../../shared/ui/Alert';
import InventorySelects from '../../provisioning/InventorySelect';

// One required selector per inventory template of the product (spec 04 §18.3). Picking an item
// reserves it for a while; when someone else got it first (409) the list is read again.
// `onChange` receives an updater of the {template name: inventory id} selection.
export default function InventoryStep({ templates, available, reload, inventory, onChange }) {
  const [notice, setNotice] = useState('');

  async function pick(name, value) {
    setNotice('');
    onChange((chosen) => ({ ...chosen, [name]: value }));
    if (!value) return;
    try {
      await api.post('/crm/provision/reserve_inventory', { inventory_ids: [Number(value)] });
    } catch (failure) {
      onChange((chosen) => ({ ...chosen, [name]: '' }));
      if (failure.status === 409) {
        setNotice(`${failure.message}. The ${name} list has been refreshed: choose another item.`);
        reload(name);
      } else {
        setNotice(failure.message);
      }
    }
  }

  return (
    <div className="stack">
      {notice && <Alert kind="warning">{notice}</Alert>}
      <InventorySelects templates={templates} available={available} inventory={inventory} onPick={pick} />
    </div>
  );
}
