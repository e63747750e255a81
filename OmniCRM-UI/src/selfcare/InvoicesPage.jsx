import EmptyState from '../shared/ui/EmptyState';
import Page from '../shared/ui/Page';

export default function InvoicesPage() {
  return (
    <Page title="Invoices">
      <EmptyState title="No invoices yet">Your invoices and their PDFs appear here.</EmptyState>
    </Page>
  );
}
