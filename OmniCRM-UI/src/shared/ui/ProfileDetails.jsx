import { getSessionUser } from '../session';
import EmptyState from './EmptyState';

// What the login response told us about the signed-in user.
export default function ProfileDetails() {
  const user = getSessionUser();
  if (!user) {
    return <EmptyState title="No profile details yet">Sign in again to load your details.</EmptyState>;
  }
  const rows = [
    ['First name', user.first_name],
    ['Last name', user.last_name],
    ['E-mail', user.email],
  ].filter(([, value]) => value);
  return (
    <div className="panel">
      <dl className="details">
        {rows.map(([label, value]) => (
          <div className="details__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
