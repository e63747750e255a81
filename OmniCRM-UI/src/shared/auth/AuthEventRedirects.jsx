import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { PASSWORD_CHANGE_REQUIRED, SESSION_EXPIRED, authEvents } from '../api';

export function loginPathFor(pathname) {
  return pathname.startsWith('/self-care') ? '/self-care/login' : '/login';
}

// Leaves the current page when the API client reports that the session ended or that the
// password must be changed first.
export default function AuthEventRedirects() {
  const navigate = useNavigate();
  const { pathname } = useLocation();

  useEffect(() => {
    const toLogin = () =>
      navigate(loginPathFor(pathname), {
        replace: true,
        state: { notice: 'Your session has expired. Please log in again.' },
      });
    const toChangePassword = () => navigate('/change-password', { replace: true });
    authEvents.addEventListener(SESSION_EXPIRED, toLogin);
    authEvents.addEventListener(PASSWORD_CHANGE_REQUIRED, toChangePassword);
    return () => {
      authEvents.removeEventListener(SESSION_EXPIRED, toLogin);
      authEvents.removeEventListener(PASSWORD_CHANGE_REQUIRED, toChangePassword);
    };
  }, [navigate, pathname]);

  return null;
}
