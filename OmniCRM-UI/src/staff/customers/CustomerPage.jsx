import { useParams } from 'react-router-dom';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function CustomerPage() {
  const { customerId } = useParams();
  return (
    <Page title={`Customer ${customerId}`}>
      <EmptyState title="No details for this customer yet">
        Services, contacts, sites, billing and activity of the customer appear here.
      </EmptyState>
    </Page>
  );
}
