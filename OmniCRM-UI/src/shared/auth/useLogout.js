import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { clearSession } from '../session';

export default function useLogout(loginPath) {
  const navigate = useNavigate();
  return async () => {
    // The local session ends whatever the server answers (it may have expired it already).
    await api.post('/crm/auth/logout').catch(() => {});
    clearSession();
    navigate(loginPath, { replace: true });
  };
}
