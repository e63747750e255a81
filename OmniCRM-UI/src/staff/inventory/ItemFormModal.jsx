import { useState } from 'react';
import { ApiError, api } from '../../shared/api';
import Field, { CheckboxField, SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import { allowedStates, CREATE_STATES } from './inventoryStates';
import {
  ADDRESS_FIELDS,
  changedItemFields,
  itemProblems,
  itemValues,
  newItemBody,
  shownTextFields,
} from './itemFields';
import { FIELD_NUMBERS, fieldLabel } from './templateFields';

// Add Item (choose the template, then its fields) or Edit item (spec 02 §7.5). Item-text inputs
// carry the template's labels; the state offers only the moves the API allows from the current
// state; the management password is write-only.
export default function ItemFormModal({ item, templates = [], initialTemplateId, onClose, onSaved }) {
  const creating = !item;
  const [values, setValues] = useState(() =>
    itemValues(
      item,
      templates.find((template) => String(template.inventory_template_id) === String(initialTemplateId ?? '')),
    ),
  );
  const [extraFields, setExtraFields] = useState(0);
  const template = templates.find((held) => String(held.inventory_template_id) === values.inventory_template_id);
  const labels = item ? item.itemtext_labels : template;
  const set = (field) => (value) => setValues((current) => ({ ...current, [field]: value }));
  const shown = shownTextFields(labels, values, extraFields);

  // A new template brings its default costs.
  function chooseTemplate(id) {
    const chosen = templates.find((held) => String(held.inventory_template_id) === id);
    setValues((current) => ({
      ...itemValues(null, chosen),
      ...Object.fromEntries(
        Object.entries(current).filter(([field]) => !['wholesale_cost', 'retail_cost'].includes(field)),
      ),
      inventory_template_id: id,
    }));
  }

  async function save() {
    const problems = itemProblems(values);
    if (Object.keys(problems).length > 0) {
      throw new ApiError({ status: 0, message: 'Some fields need attention before saving.', errors: problems });
    }
    if (creating) {
      const { data } = await api.put('/crm/inventory/', newItemBody(values));
      onSaved(data);
      return;
    }
    const body = changedItemFields(values, item);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const { data } = await api.patch(`/crm/inventory/inventory_id/${item.inventory_id}`, body);
    onSaved(data);
  }

  const states = creating ? CREATE_STATES : allowedStates(item.item_state);
  const text = (errors) =>
    function field(name, label, props = {}) {
      return (
        <TextField
          key={name}
          id={`item-${name}`}
          label={label}
          value={values[name]}
          onChange={set(name)}
          error={errors[name]}
          {...props}
        />
      );
    };

  return (
    <FormModal
      title={creating ? 'Add Item' : `Edit ${item.item} #${item.inventory_id}`}
      submitLabel={creating ? 'Add Item' : 'Save Changes'}
      wide
      onClose={onClose}
      onSave={save}
    >
      {(errors) => {
        const input = text(errors);
        return (
          <>
            <fieldset className="fieldset">
              <legend>Item</legend>
              <div className="form__grid">
                {creating ? (
                  <SelectField
                    id="item-template"
                    label="Template"
                    value={values.inventory_template_id}
                    onChange={chooseTemplate}
                    error={errors.inventory_template_id}
                    options={[
                      ['', 'Choose a template…'],
                      ...templates.map((held) => [String(held.inventory_template_id), held.item]),
                    ]}
                  />
                ) : (
                  <Field id="item-template-name" label="Template">
                    <input id="item-template-name" value={item.item} readOnly />
                  </Field>
                )}
                <SelectField
                  id="item-item_state"
                  label="State"
                  value={values.item_state}
                  onChange={set('item_state')}
                  error={errors.item_state}
                  options={states.map((state) => [state, state])}
                />
                {input('item_location', 'Location', { maxLength: 255, hint: 'Warehouse, shelf, store or region' })}
              </div>
              {(values.inventory_template_id || !creating) && (
                <>
                  <div className="form__grid">
                    {shown.map((number) =>
                      input(`itemtext${number}`, fieldLabel(labels, number), {
                        required: number === 1,
                        maxLength: 255,
                      }),
                    )}
                  </div>
                  {shown.length < FIELD_NUMBERS.length && (
                    <button
                      type="button"
                      className="button button--outline button--small"
                      onClick={() => setExtraFields((count) => count + 1)}
                    >
                      Another text field
                    </button>
                  )}
                </>
              )}
            </fieldset>
            <fieldset className="fieldset">
              <legend>Costs</legend>
              <div className="form__grid">
                {input('wholesale_cost', 'Wholesale cost', { type: 'number', min: 0, step: '0.01' })}
                {input('retail_cost', 'Retail cost', { type: 'number', min: 0, step: '0.01' })}
              </div>
            </fieldset>
            <fieldset className="fieldset">
              <legend>Address and location</legend>
              <div className="form__grid">
                {ADDRESS_FIELDS.map(([name, label]) => input(name, label))}
                {input('latitude', 'Latitude', { type: 'number', step: 'any', min: -90, max: 90 })}
                {input('longitude', 'Longitude', { type: 'number', step: 'any', min: -180, max: 180 })}
              </div>
            </fieldset>
            <fieldset className="fieldset">
              <legend>Management</legend>
              <div className="form__grid">
                {input('management_url', 'Management URL', {
                  maxLength: 2048,
                  hint: 'A web address (https://192.168.1.1) or an eSIM LPA string',
                })}
                {input('management_username', 'Management username', { autoComplete: 'off' })}
                {input('management_password', 'Management password', {
                  type: 'password',
                  autoComplete: 'new-password',
                  disabled: values.clear_password,
                  placeholder: item?.management_password_set ? 'Set — type to replace' : 'Not set',
                  hint: item?.management_password_set
                    ? 'A password is set. It is never shown here; leave blank to keep it.'
                    : 'Stored encrypted.',
                })}
              </div>
              {item?.management_password_set && (
                <CheckboxField
                  id="item-clear_password"
                  label="Remove the stored password"
                  checked={values.clear_password}
                  onChange={set('clear_password')}
                />
              )}
            </fieldset>
            <fieldset className="fieldset">
              <legend>Configuration and notes</legend>
              <TextAreaField
                id="item-config_content"
                label="Config content"
                className="code-input-area"
                spellCheck={false}
                rows={4}
                value={values.config_content}
                onChange={set('config_content')}
                error={errors.config_content}
              />
              {input('config_file_path', 'Config file path', { maxLength: 1024 })}
              <TextAreaField
                id="item-inventory_notes"
                label="Notes"
                hint="Installation notes, maintenance history, vendor, warranty…"
                rows={3}
                value={values.inventory_notes}
                onChange={set('inventory_notes')}
                error={errors.inventory_notes}
              />
            </fieldset>
          </>
        );
      }}
    </FormModal>
  );
}
