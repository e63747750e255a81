import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import AuthLayout from '../../shared/auth/AuthLayout';
import PasswordInput from '../../shared/auth/PasswordInput';
import Alert from '../../shared/ui/Alert';
import { LockIcon } from '../../shared/ui/icons';

const INVALID_LINK = 'This reset link is invalid or has expired';

// Reached from the e-mailed link <public_url>/reset-password/<token> (spec 02 §4.7.4).
export default function ResetPasswordPage() {
  const { token } = useParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState(token ? '' : INVALID_LINK);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    if (password !== confirmation) {
      setError('Passwords do not match');
      return;
    }
    setError('');
    setSaving(true);
    try {
      const { data } = await api.post('/auth/reset_password', {
        token,
        new_password: password,
        confirm_password: confirmation,
      });
      navigate('/login', { replace: true, state: { notice: data.message } });
    } catch (failure) {
      setError(failure.message);
      setSaving(false);
    }
  }

  return (
    <AuthLayout title="Reset password">
      <form className="form" onSubmit={handleSubmit}>
        <span className="form__icon">
          <LockIcon size={36} />
        </span>
        {error && <Alert>{error}</Alert>}
        <PasswordInput
          id="reset-password"
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
        />
        <PasswordInput
          id="reset-password-confirmation"
          label="Confirm password"
          value={confirmation}
          onChange={setConfirmation}
          autoComplete="new-password"
        />
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={saving || !token}
        >
          Reset password
        </button>
        <Link className="form__back" to="/forgot-password">
          Request a new reset link
        </Link>
      </form>
    </AuthLayout>
  );
}
