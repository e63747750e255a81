import EmptyState from '../shared/ui/EmptyState';
import Page from '../shared/ui/Page';

export default function ServicesPage() {
  return (
    <Page title="My services">
      <EmptyState title="No services yet">Your services, usage and balances appear here.</EmptyState>
    </Page>
  );
}
