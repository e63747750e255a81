import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import AuthLayout from '../../shared/auth/AuthLayout';
import Alert from '../../shared/ui/Alert';

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [result, setResult] = useState(null);
  const [sending, setSending] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    setSending(true);
    try {
      const { data } = await api.post('/auth/forgot_password', { email }, { anonymous: true });
      setResult({ kind: 'success', message: data.message });
    } catch (failure) {
      setResult({ kind: 'danger', message: failure.message });
    }
    setSending(false);
  }

  return (
    <AuthLayout title="Forgot password?">
      <form className="form" onSubmit={handleSubmit}>
        <p className="form__hint">Enter your e-mail address and we will send you a reset link.</p>
        {result && <Alert kind={result.kind}>{result.message}</Alert>}
        <div className="field">
          <label htmlFor="forgot-email">E-mail</label>
          <input
            id="forgot-email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="email"
            required
          />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={sending}>
          Send reset link
        </button>
        <Link className="form__back" to="/login">
          Back to login
        </Link>
      </form>
    </AuthLayout>
  );
}
