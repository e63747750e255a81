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
