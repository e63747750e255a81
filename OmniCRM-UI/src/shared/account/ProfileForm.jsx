import { useEffect, useState } from 'react';
import { api } from '../api';
import { isCustomerUser, saveSessionDetails, useSession } from '../session';
import Alert from '../ui/Alert';
import ConfirmDialog from '../ui/ConfirmDialog';

const FIELDS = ['first_name', 'last_name', 'email', 'phone_number', 'ip_restriction'];

function formValues(profile) {
  return Object.fromEntries(FIELDS.map((field) => [field, profile[field] ?? '']));
}

// Only what the user changed is sent.
function changes(saved, values) {
  return Object.fromEntries(FIELDS.filter((field) => values[field] !== saved[field]).map((field) => [field, values[field]]));
}

// The signed-in user's own details (GET/PATCH /crm/profile). A new e-mail waits in
// pending_email until the user follows the verification link; customer users may restrict the
// addresses they log in from.
export default function ProfileForm() {
  const session = useSession();
  const customer = isCustomerUser(session);
  const [profile, setProfile] = useState(null);
  const [values, setValues] = useState(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [lockoutWarning, setLockoutWarning] = useState('');

  useEffect(() => {
    api
      .get('/crm/profile')
      .then(({ data }) => {
        setProfile(data);
        setValues(formValues(data));
      })
      .catch((failure) => setError(failure.message));
  }, []);

  async function save(extra = {}) {
    setError('');
    setNotice('');
    setSaving(true);
    try {
      const { data } = await api.patch('/crm/profile', { ...changes(formValues(profile), values), ...extra });
      setProfile(data);
      setValues(formValues(data));
      saveSessionDetails({
        ...session,
        user: { ...session.user, first_name: data.first_name, last_name: data.last_name },
      });
      setNotice(
        data.pending_email
          ? `Your details have been saved. We sent a verification link to ${data.pending_email}; your e-mail address changes once you follow it.`
          : 'Your details have been saved.',
      );
    } catch (failure) {
      // The API refuses a list without the caller's own address unless confirm_lockout is sent.
      if (/confirm_lockout/.test(failure.message)) setLockoutWarning(failure.errors.ip_restriction);
      else setError(failure.message);
    }
    setSaving(false);
  }

  if (!values) {
    return <div className="panel card">{error ? <Alert>{error}</Alert> : <p>Loading…</p>}</div>;
  }

  const field = (name, label, type = 'text') => (
    <div className="field">
      <label htmlFor={`profile-${name}`}>{label}</label>
      <input
        id={`profile-${name}`}
        type={type}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <form
      className="panel card form"
      aria-labelledby="profile-title"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h2 id="profile-title">Personal details</h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="form__grid">
        {field('first_name', 'First name')}
        {field('last_name', 'Last name')}
        {field('email', 'E-mail', 'email')}
        {field('phone_number', 'Phone number', 'tel')}
      </div>
      {profile.pending_email && (
        <p className="form__hint">Waiting for verification: {profile.pending_email}</p>
      )}
      {customer && (
        <div className="field">
          <label htmlFor="profile-ip_restriction">Allowed login addresses</label>
          <textarea
            id="profile-ip_restriction"
            rows={4}
            value={values.ip_restriction}
            onChange={(event) => setValues({ ...values, ip_restriction: event.target.value })}
          />
          <p className="form__hint">
            One IP address or range (10.0.0.1-10.0.0.5) per line. Leave empty to allow any address.
          </p>
        </div>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={saving}>
          Save changes
        </button>
      </div>
      {lockoutWarning && (
        <ConfirmDialog
          title="Restrict login addresses"
          confirmLabel="Save anyway"
          danger
          onConfirm={async () => {
            setLockoutWarning('');
            await save({ confirm_lockout: true });
          }}
          onClose={() => setLockoutWarning('')}
        >
          <p>The list {lockoutWarning}: logins from the address you use now will be refused.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
