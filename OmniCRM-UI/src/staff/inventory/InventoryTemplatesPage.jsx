import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function InventoryTemplatesPage() {
  return (
    <Page title="Inventory Templates">
      <EmptyState title="No inventory templates yet">Templates describe the kinds of item you keep in stock.</EmptyState>
    </Page>
  );
}
