import { useState } from 'react';
import { api } from '../../shared/api';
import PasswordInput from '../../shared/auth/PasswordInput';
import PasswordRules from '../../shared/auth/PasswordRules';
import { meetsPolicy } from '../../shared/auth/passwordPolicy';
import { displayName } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import Modal, { ModalActions } from '../../shared/ui/Modal';

const PERSONAL_FIELDS = [
  ['first_name', 'First name'],
  ['middle_name', 'Middle name'],
  ['last_name', 'Last name'],
  ['email', 'E-mail'],
  ['phone_number', 'Phone'],
];

function initialValues(user) {
  return {
    username: '',
    password: '',
    send_welcome_email: false,
    is_active: user?.is_active ?? true,
    roles: user?.roles ?? [],
    ...Object.fromEntries(PERSONAL_FIELDS.map(([field]) => [field, user?.[field] ?? ''])),
  };
}

// What an edit changes, in the shape PUT /auth/users/{id} takes.
function userChanges(user, values) {
  const before = initialValues(user);
  const changed = Object.fromEntries(
    PERSONAL_FIELDS.map(([field]) => field)
      .filter((field) => values[field] !== before[field])
      .map((field) => [field, values[field]]),
  );
  if ([...values.roles].sort().join() !== [...before.roles].sort().join()) changed.roles = values.roles;
  if (values.is_active !== before.is_active) changed.is_active = values.is_active;
  return changed;
}

// Add User (with a temporary password the user must change at first login) or Edit user.
export default function UserFormModal({ user, roles, onClose, onSaved }) {
  const adding = !user;
  const [values, setValues] = useState(() => initialValues(user));
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState({});
  const [saving, setSaving] = useState(false);

  const set = (field, value) => setValues((current) => ({ ...current, [field]: value }));

  function toggleRole(name) {
    set('roles', values.roles.includes(name) ? values.roles.filter((role) => role !== name) : [...values.roles, name]);
  }

  function problem() {
    if (values.roles.length === 0) return 'Choose at least one role';
    if (adding && !meetsPolicy(values.password)) return 'The password does not meet the requirements';
    return '';
  }

  async function handleSubmit(event) {
    event.preventDefault();
    setError(problem());
    setFieldErrors({});
    if (problem()) return;
    setSaving(true);
    try {
      if (adding) {
        const fields = ['username', 'password', 'send_welcome_email', ...PERSONAL_FIELDS.map(([field]) => field)];
        await api.post('/auth/users', {
          ...Object.fromEntries(fields.map((field) => [field, values[field]])),
          role: values.roles.join(', '),
        });
        onSaved(`${displayName(values)} has been added.`);
      } else {
        await api.put(`/auth/users/${user.id}`, userChanges(user, values));
        onSaved(`${displayName(values)} has been saved.`);
      }
    } catch (failure) {
      setError(failure.message);
      setFieldErrors(failure.errors);
      setSaving(false);
    }
  }

  const input = (field, label, { type = 'text', required = false } = {}) => (
    <div className="field" key={field}>
      <label htmlFor={`user-${field}`}>{label}</label>
      <input
        id={`user-${field}`}
        type={type}
        value={values[field]}
        required={required}
        onChange={(event) => set(field, event.target.value)}
      />
      {fieldErrors[field] && <p className="field__error">{fieldErrors[field]}</p>}
    </div>
  );

  return (
    <Modal title={adding ? 'Add User' : `Edit ${displayName(user)}`} onClose={onClose} wide>
      <form className="form" onSubmit={handleSubmit} noValidate>
        {error && <Alert>{error}</Alert>}
        <div className="form__grid">
          {adding && input('username', 'Username', { required: true })}
          {PERSONAL_FIELDS.map(([field, label]) =>
            input(field, label, {
              type: field === 'email' ? 'email' : field === 'phone_number' ? 'tel' : 'text',
              required: ['first_name', 'last_name', 'email'].includes(field),
            }),
          )}
        </div>
        {adding && (
          <>
            <PasswordInput
              id="user-password"
              label="Temporary password"
              value={values.password}
              onChange={(value) => set('password', value)}
              autoComplete="new-password"
            />
            <PasswordRules password={values.password} />
          </>
        )}
        <fieldset className="fieldset">
          <legend>Roles</legend>
          <div className="checkbox-grid">
            {roles.map((role) => (
              <label className="checkbox" key={role.id}>
                <input
                  type="checkbox"
                  checked={values.roles.includes(role.name)}
                  onChange={() => toggleRole(role.name)}
                />
                {role.name}
              </label>
            ))}
          </div>
        </fieldset>
        {adding ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.send_welcome_email}
              onChange={(event) => set('send_welcome_email', event.target.checked)}
            />
            Send a welcome e-mail
          </label>
        ) : (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.is_active}
              onChange={(event) => set('is_active', event.target.checked)}
            />
            Active (may log in)
          </label>
        )}
        <ModalActions>
          <button type="button" className="button button--outline" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {adding ? 'Add User' : 'Save changes'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
