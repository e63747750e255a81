import { Navigate, Outlet } from 'react-router-dom';
import { isSignedIn } from '../session';

// Guards a group of routes: without an access token the visitor goes to the login page.
export default function RequireSession({ loginPath }) {
  return isSignedIn() ? <Outlet /> : <Navigate to={loginPath} replace />;
}
