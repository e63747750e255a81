import { api } from '../api';
import { can, endImpersonation, isCustomerUser, saveSessionDetails, startImpersonation } from '../session';

// The page a user starts on when the API does not say (spec 02 §4.7.1 step 6).
function landingFor(session) {
  if (isCustomerUser(session)) return '/self-care';
  return can('view_customer', session) ? '/customers' : '/';
}

const tokensOf = (body) => ({ token: body.token ?? body.access_token, refresh_token: body.refresh_token });

// Switches the browser to `target`'s session (an /auth/users row) and returns where to go. The
// impersonation body carries only tokens, so the target's roles and permissions are read with
// the new token (a user may always read their own record).
export async function impersonate(target) {
  const { data } = await api.post('/auth/impersonate', { user_id: target.id });
  startImpersonation({ ...tokensOf(data), user: target, roles: target.roles });
  const { data: record } = await api.get(`/auth/users/${target.id}`);
  const session = { user: record, roles: record.roles ?? [], permissions: record.permissions ?? [] };
  const landing = landingFor(session);
  saveSessionDetails({ ...session, landing });
  return landing;
}

// Back to the staff member's own session.
export async function stopImpersonating() {
  const { data } = await api.post('/auth/stop_impersonation');
  endImpersonation(tokensOf(data));
}
