import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { config } from '../config';
import Alert from '../ui/Alert';
import PasswordInput from './PasswordInput';
import SocialLoginButtons from './SocialLoginButtons';

// E-mail and password; answers either a session (tokens) or a 2FA challenge.
export default function PasswordStep({ onSession, onChallenge, initialError, notice }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(false);
  const [error, setError] = useState(initialError);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    setError('');
    setSubmitting(true);
    try {
      const { data } = await api.post('/crm/auth/login', {
        email,
        password,
        remember_me: rememberMe,
      }, { anonymous: true });
      if (data?.requires_2fa) {
        onChallenge({ userId: data.user_id, twoFaToken: data.two_fa_token });
      } else if (data?.token) {
        onSession(data);
      } else {
        throw new Error('The server sent an unexpected answer');
      }
    } catch (failure) {
      setError(failure.message);
      setSubmitting(false);
    }
  }

  return (
    <form className="form" data-testid="login-form" onSubmit={handleSubmit}>
      {notice && <Alert kind="info">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="field">
        <label htmlFor="login-email">E-mail</label>
        <input
          id="login-email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="username"
          required
        />
      </div>
      <PasswordInput
        id="login-password"
        label="Password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <div className="form__row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={rememberMe}
            onChange={(event) => setRememberMe(event.target.checked)}
          />
          Remember me for 30 days
        </label>
        <Link to="/forgot-password">Forgot password?</Link>
      </div>
      <button type="submit" className="button button--primary button--block" disabled={submitting}>
        Login
      </button>
      {config.allowSocialLogins && <SocialLoginButtons />}
    </form>
  );
}
