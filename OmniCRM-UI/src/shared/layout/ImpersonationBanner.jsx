import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { stopImpersonating } from '../auth/impersonation';
import { displayName, useSession } from '../session';

// Across the top of every page while a staff member acts as another user.
export default function ImpersonationBanner() {
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState('');
  if (!session.impersonator) return null;

  async function stop() {
    setError('');
    try {
      await stopImpersonating();
      navigate('/admin/users', { replace: true });
    } catch (failure) {
      setError(failure.message);
    }
  }

  return (
    <div className="impersonation-banner" role="status" data-testid="impersonation-banner">
      <span>
        You are acting as <strong>{displayName(session.user)}</strong> —{' '}
      </span>
      <button type="button" className="button button--small" onClick={stop}>
        Stop
      </button>
      {error && <span className="impersonation-banner__error">{error}</span>}
    </div>
  );
}
