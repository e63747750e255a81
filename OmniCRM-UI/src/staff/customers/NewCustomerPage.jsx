import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function NewCustomerPage() {
  return (
    <Page title="Create Customer">
      <EmptyState title="No customer details yet">
        A new customer&apos;s details, contacts and first site are entered here.
      </EmptyState>
    </Page>
  );
}
