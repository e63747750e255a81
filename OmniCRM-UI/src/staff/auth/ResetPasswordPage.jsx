import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import AuthLayout from '../../shared/auth/AuthLayout';
import NewPasswordFields from '../../shared/auth/NewPasswordFields';
import { newPasswordProblem } from '../../shared/auth/passwordPolicy';
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
    const problem = newPasswordProblem(password, confirmation);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      const { data } = await api.post(
        '/auth/reset_password',
        { token, new_password: password, confirm_password: confirmation },
        { anonymous: true },
      );
      navigate('/login', { replace: true, state: { notice: data.message } });
    } catch (failure) {
      setError(failure.message);
      setSaving(false);
    }
  }

  return (
    <AuthLayout title="Reset password">
      <form className="form" onSubmit={handleSubmit} noValidate>
        <span className="form__icon">
          <LockIcon size={36} />
        </span>
        {error && <Alert>{error}</Alert>}
        <NewPasswordFields
          idPrefix="reset-password"
          label="Password"
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
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
