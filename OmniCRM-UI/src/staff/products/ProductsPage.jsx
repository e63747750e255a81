import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function ProductsPage() {
  return (
    <Page title="Products & Services">
      <EmptyState title="No products yet">Products in the catalogue appear here.</EmptyState>
    </Page>
  );
}
