import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function ProvisioningPage() {
  return (
    <Page title="Provisioning">
      <EmptyState title="No provisioning jobs yet">Provisioning jobs and their progress appear here.</EmptyState>
    </Page>
  );
}
