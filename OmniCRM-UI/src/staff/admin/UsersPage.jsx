import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function UsersPage() {
  return (
    <Page title="Users & Roles">
      <EmptyState title="No users yet">Staff and customer user accounts and their roles appear here.</EmptyState>
    </Page>
  );
}
