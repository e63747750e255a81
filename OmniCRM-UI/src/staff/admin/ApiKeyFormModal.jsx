import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { groupPermissions, permissionLabel } from '../../shared/permissions';
import Alert from '../../shared/ui/Alert';
import Modal, { ModalActions } from '../../shared/ui/Modal';

// The permissions most integrations need, listed first under friendly names (spec 01 §8.1).
const COMMON = [
  ['view_customer', 'View Customers'],
  ['create_customer', 'Create Customers'],
  ['view_customer_service', 'View Services'],
  ['create_customer_service', 'Create Services'],
  ['create_provision', 'Provisioning'],
  ['view_inventory', 'View Inventory'],
];
const COMMON_NAMES = COMMON.map(([name]) => name);

function initialValues(apiKey) {
  const permissions = apiKey?.permissions ?? [];
  return {
    name: apiKey?.name ?? '',
    description: apiKey?.description ?? '',
    expiry_date: apiKey?.expiry_date?.slice(0, 10) ?? '',
    admin: permissions.includes('admin'),
    selected: permissions.filter((name) => name !== 'admin'),
  };
}

// The request body: everything on create, only what changed on edit.
function apiKeyBody(values, apiKey) {
  const body = {
    name: values.name.trim(),
    description: values.description.trim() || null,
    expiry_date: values.expiry_date || null,
    permissions: values.admin ? ['admin'] : values.selected,
  };
  if (!apiKey) return body;
  const before = apiKeyBody(initialValues(apiKey), null);
  const same = (field) =>
    field === 'permissions'
      ? [...body.permissions].sort().join() === [...before.permissions].sort().join()
      : body[field] === before[field];
  return Object.fromEntries(Object.entries(body).filter(([field]) => !same(field)));
}

function PermissionBox({ name, label, values, onToggle }) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={values.admin || values.selected.includes(name)}
        disabled={values.admin}
        onChange={() => onToggle(name)}
      />
      {label}
    </label>
  );
}

// Add (→ "Generate Key") or Edit (→ "Save Changes") a database API key. Ticking
// "Admin (all permissions)" ticks and locks every other permission.
export default function ApiKeyFormModal({ apiKey, catalogue, onClose, onCreated, onSaved }) {
  const adding = !apiKey;
  const [values, setValues] = useState(() => initialValues(apiKey));
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const today = new Date().toISOString().slice(0, 10);

  const set = (field, value) => setValues((current) => ({ ...current, [field]: value }));
  const toggle = (name) =>
    set(
      'selected',
      values.selected.includes(name)
        ? values.selected.filter((entry) => entry !== name)
        : [...values.selected, name],
    );

  const others = catalogue.filter(
    (permission) => permission.name !== 'admin' && !COMMON_NAMES.includes(permission.name),
  );

  async function handleSubmit(event) {
    event.preventDefault();
    setError('');
    if (!values.name.trim()) {
      setError('Enter a name for the key');
      return;
    }
    if (!values.admin && values.selected.length === 0) {
      setError('Choose at least one permission');
      return;
    }
    setSaving(true);
    try {
      if (adding) {
        const { data } = await api.post('/crm/api-keys', apiKeyBody(values, null));
        onCreated(data);
      } else {
        const { data } = await api.patch(`/crm/api-keys/${apiKey.api_key_id}`, apiKeyBody(values, apiKey));
        onSaved(data);
      }
    } catch (failure) {
      setError(failure.message);
      setSaving(false);
    }
  }

  return (
    <Modal title={adding ? 'Add API Key' : `Edit ${apiKey.name}`} onClose={onClose} wide>
      <form className="form" onSubmit={handleSubmit} noValidate data-testid="api-key-form">
        {error && <Alert>{error}</Alert>}
        {!adding && (
          <dl className="details details--compact">
            <div className="details__row">
              <dt>API key</dt>
              <dd>
                <code>{apiKey.api_key_masked}</code>
              </dd>
            </div>
            <div className="details__row">
              <dt>Created</dt>
              <dd>{formatDateTime(apiKey.created, { locale: config.locale })}</dd>
            </div>
            <div className="details__row">
              <dt>Created by</dt>
              <dd>{apiKey.created_by}</dd>
            </div>
          </dl>
        )}
        <div className="field">
          <label htmlFor="api-key-name">Name</label>
          <input
            id="api-key-name"
            value={values.name}
            maxLength={100}
            required
            onChange={(event) => set('name', event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="api-key-description">Description</label>
          <input
            id="api-key-description"
            value={values.description}
            maxLength={500}
            onChange={(event) => set('description', event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="api-key-expiry">Expiry Date</label>
          <input
            id="api-key-expiry"
            type="date"
            min={today}
            value={values.expiry_date}
            onChange={(event) => set('expiry_date', event.target.value)}
          />
          <p className="form__hint">
            Leave blank for a key that never expires (not recommended); 90 days to 1 year is
            suggested.
          </p>
        </div>
        <fieldset className="fieldset">
          <legend>Permissions</legend>
          <label className="checkbox checkbox--strong">
            <input type="checkbox" checked={values.admin} onChange={(event) => set('admin', event.target.checked)} />
            Admin (all permissions)
          </label>
          <h3 className="fieldset__group">Common</h3>
          <div className="checkbox-grid">
            {COMMON.filter(([name]) => catalogue.some((permission) => permission.name === name)).map(
              ([name, label]) => (
                <PermissionBox key={name} name={name} label={label} values={values} onToggle={toggle} />
              ),
            )}
          </div>
          {groupPermissions(others).map(([module, permissions]) => (
            <div key={module}>
              <h3 className="fieldset__group">{module}</h3>
              <div className="checkbox-grid">
                {permissions.map((permission) => (
                  <PermissionBox
                    key={permission.name}
                    name={permission.name}
                    label={permissionLabel(permission.name)}
                    values={values}
                    onToggle={toggle}
                  />
                ))}
              </div>
            </div>
          ))}
        </fieldset>
        <ModalActions>
          <button type="button" className="button button--outline" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {adding ? 'Generate Key' : 'Save Changes'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
