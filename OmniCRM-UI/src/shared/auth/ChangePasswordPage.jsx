import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { isCustomerUser, mustChangePassword, saveTokens, setMustChangePassword, useSession } from '../session';
import Alert from '../ui/Alert';
import AuthLayout from './AuthLayout';
import NewPasswordFields from './NewPasswordFields';
import PasswordInput from './PasswordInput';
import { newPasswordProblem } from './passwordPolicy';
import useLogout from './useLogout';

// Voluntary or forced password change (spec 02 §7.2). In forced mode (first login with a
// temporary password) the current password is not asked and the only other way out is Logout.
export default function ChangePasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [forced] = useState(() => mustChangePassword(session));
  const landing = session.landing || (isCustomerUser(session) ? '/self-care' : '/');
  const loginPath = landing.startsWith('/self-care') ? '/self-care/login' : '/login';
  const logout = useLogout(loginPath);
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    const problem = newPasswordProblem(password, confirmation);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      // Every other session of the user ends; this one goes on with the tokens in the answer.
      const { data } = await api.post('/auth/change_password', {
        ...(forced ? {} : { current_password: currentPassword }),
        new_password: password,
      });
      saveTokens(data);
      setMustChangePassword(false);
      if (forced) {
        navigate(landing, { replace: true });
        return;
      }
      setDone(true);
      setCurrentPassword('');
      setPassword('');
      setConfirmation('');
    } catch (failure) {
      setError(failure.message);
    }
    setSaving(false);
  }

  return (
    <AuthLayout title={forced ? 'Choose a new password' : 'Change password'}>
      <form className="form" data-testid="change-password-form" onSubmit={handleSubmit} noValidate>
        {forced && (
          <p className="form__hint">
            You signed in with a temporary password. Choose your own password to continue.
          </p>
        )}
        {done && <Alert kind="success">Your password has been changed.</Alert>}
        {error && <Alert>{error}</Alert>}
        {!forced && (
          <PasswordInput
            id="change-password-current"
            label="Current password"
            value={currentPassword}
            onChange={setCurrentPassword}
            autoComplete="current-password"
          />
        )}
        <NewPasswordFields
          idPrefix="change-password"
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
        />
        <button type="submit" className="button button--primary button--block" disabled={saving}>
          Change password
        </button>
        {forced ? (
          <button type="button" className="button button--link" onClick={logout}>
            Logout
          </button>
        ) : (
          <Link className="form__back" to={isCustomerUser(session) ? '/self-care/profile' : '/profile'}>
            Back to my account
          </Link>
        )}
      </form>
    </AuthLayout>
  );
}
