import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function TransactionsPage() {
  return (
    <Page title="Transactions">
      <EmptyState title="No transactions yet">Charges, payments and refunds of all customers appear here.</EmptyState>
    </Page>
  );
}
