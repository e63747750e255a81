import { useState } from 'react';
import { ApiError, api } from '../../shared/api';
import { SelectField, TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import { commonAllowedStates } from './inventoryStates';

// "Set state" or "Set location" of the selected items in one PATCH /crm/inventory/bulk: all change
// or none (the API names the items that cannot move).
export default function BulkChangeModal({ mode, items, onClose, onDone }) {
  const states = commonAllowedStates(items.map((item) => item.item_state));
  const [state, setState] = useState(states[0] ?? '');
  const [location, setLocation] = useState('');
  const count = items.length === 1 ? '1 item' : `${items.length} items`;

  async function save() {
    if (mode === 'state' && !state) {
      throw new ApiError({ status: 0, message: 'No state suits every selected item', errors: {} });
    }
    const change = mode === 'state' ? { item_state: state } : { item_location: location.trim() || null };
    const { data } = await api.patch('/crm/inventory/bulk', {
      inventory_ids: items.map((item) => item.inventory_id),
      ...change,
    });
    onDone(`${data.updated} ${data.updated === 1 ? 'item' : 'items'} updated.`);
  }

  return (
    <FormModal
      title={mode === 'state' ? `Set state of ${count}` : `Set location of ${count}`}
      submitLabel={mode === 'state' ? 'Set state' : 'Set location'}
      onClose={onClose}
      onSave={save}
    >
      {(errors) => (
        <>
          {mode === 'state' ? (
            states.length > 0 ? (
              <SelectField
                id="bulk-state"
                label="New state"
                hint="Only states every selected item may move to"
                value={state}
                onChange={setState}
                error={errors.item_state}
                options={states.map((name) => [name, name])}
              />
            ) : (
              <p className="field__error">
                The selected items share no allowed state: select fewer items, or items in similar states.
              </p>
            )
          ) : (
            <TextField
              id="bulk-location"
              label="New location"
              hint="Empty clears the location"
              maxLength={255}
              value={location}
              onChange={setLocation}
              error={errors.item_location}
            />
          )}
          {errors.inventory_ids && <p className="field__error">Items: {errors.inventory_ids}</p>}
          <p className="form__hint">All selected items change together, or none does.</p>
        </>
      )}
    </FormModal>
  );
}
