import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import { SelectField } from '../../shared/ui/Field';

// "8944990000000000101 · Depot", marked when the current user holds it (spec 04 §18.3).
export function itemLabel(item) {
  const label = [item.itemtext1 ?? `Item ${item.inventory_id}`, item.item_location].filter(Boolean).join(' · ');
  return item.reserved ? `${label} (Reserved)` : label;
}

// The items free for provisioning of each template name in `templates`, by name: undefined while
// loading, an Error when refused, else the list. reload(name) reads one template's items again.
export function useAvailableInventory(templates) {
  const [available, setAvailable] = useState({});
  const key = JSON.stringify(templates);

  const reload = useCallback((name, isCurrent = () => true) => {
    api
      .get('/crm/inventory/available', { params: { item: name } })
      .then(({ data }) => isCurrent() && setAvailable((loaded) => ({ ...loaded, [name]: data.data })))
      .catch((refusal) => isCurrent() && setAvailable((loaded) => ({ ...loaded, [name]: new Error(refusal.message) })));
  }, []);

  useEffect(() => {
    setAvailable({});
    let current = true;
    JSON.parse(key).forEach((name) => reload(name, () => current));
    return () => {
      current = false;
    };
  }, [key, reload]);

  return { available, reload };
}

// The required selector of one template's items; "No inventory available" when there are none.
function InventorySelect({ index, name, items, value, onChange, error }) {
  const id = `provision-inventory-${index}`;
  if (items === undefined) return <p className="page-loading">Loading {name} items…</p>;
  if (items instanceof Error) return <Alert>{`${name}: ${items.message}`}</Alert>;
  if (items.length === 0) {
    return (
      <div className="field">
        <span className="field__label">{name}</span>
        <p className="field__error">No inventory available</p>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  return (
    <SelectField
      id={id}
      label={name}
      error={error}
      value={value ?? ''}
      onChange={onChange}
      options={[['', `Choose a ${name}`], ...items.map((item) => [String(item.inventory_id), itemLabel(item)])]}
    />
  );
}

// One selector per template name in `templates`, over the `available` items (useAvailableInventory);
// `inventory` holds the chosen ids by name, onPick(name, id) changes one, `errors` the reasons by name.
export default function InventorySelects({ templates, available, inventory, onPick, errors = {} }) {
  return templates.map((name, index) => (
    <InventorySelect
      key={name}
      index={index}
      name={name}
      items={available[name]}
      value={inventory[name]}
      onChange={(value) => onPick(name, value)}
      error={errors[name]}
    />
  ));
}
