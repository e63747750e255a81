import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { mustChangePassword, useSession } from '../session';

// Guards a group of routes: without an access token the visitor goes to the login page (told
// why the session ended, when it was not a logout), and a user who must change their password goes to the
// change-password page first. Both follow the stored session, which the API client updates.
export default function RequireSession({ loginPath }) {
  const session = useSession();
  const { pathname } = useLocation();
  if (!session.token) {
    return <Navigate to={loginPath} replace state={session.notice ? { notice: session.notice } : null} />;
  }
  if (mustChangePassword(session) && pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <Outlet />;
}
