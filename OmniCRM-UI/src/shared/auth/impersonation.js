import { api } from '../api';
import { endImpersonation, startImpersonation } from '../session';

// Switches the browser to the session of user `userId` (the impersonation body is a login body
// of the target) and returns where that user starts.
export async function impersonate(userId) {
  const { data } = await api.post('/auth/impersonate', { user_id: userId });
  startImpersonation(data);
  return data.landing;
}

// Back to the staff member's own session.
export async function stopImpersonating() {
  const { data } = await api.post('/auth/stop_impersonation');
  endImpersonation(data);
}
