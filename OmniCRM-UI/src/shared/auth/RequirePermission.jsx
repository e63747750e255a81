import { Outlet } from 'react-router-dom';
import { can, useSession } from '../session';
import EmptyState from '../ui/EmptyState';

// Pages of a group that needs a permission; without it the page says so instead.
export default function RequirePermission({ permission }) {
  const session = useSession();
  if (can(permission, session)) return <Outlet />;
  return (
    <EmptyState title="Permission denied">
      Your account does not have the <code>{permission}</code> permission needed for this page.
    </EmptyState>
  );
}
