import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function ApiKeysPage() {
  return (
    <Page title="API Keys">
      <EmptyState title="No API keys yet">Keys for integrations and provisioning playbooks appear here.</EmptyState>
    </Page>
  );
}
