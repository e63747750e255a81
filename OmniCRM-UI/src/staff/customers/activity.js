import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';

// A page of the customer's activity log, newest first; `query` holds page, per_page and the
// optional object_type and search. Reloads when the query changes, and on reload().
export function useActivity(customerId, query) {
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const { page, per_page: perPage, object_type: objectType, search } = query;

  const reload = useCallback(async () => {
    try {
      const { data } = await api.get(`/crm/activity/customer_id/${customerId}`, {
        params: { page, per_page: perPage, object_type: objectType || undefined, search: search || undefined },
      });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [customerId, page, perPage, objectType, search]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { result, error, reload };
}

// Who acted: the user, an API key or the system; an impersonating staff member acts on behalf of
// the user (spec 04 §24).
export function actorLabel(row) {
  const user = row.user_name || row.actor || 'System';
  if (!row.impersonating_user_id) return user;
  return `${row.impersonating_user_name || `User ${row.impersonating_user_id}`} on behalf of ${user}`;
}

// "contact_created" → "Contact created".
export function humanize(code) {
  const words = String(code).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
