import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function InventoryItemsPage() {
  return (
    <Page title="Inventory Items">
      <EmptyState title="No inventory items yet">
        SIM cards, devices, numbers and other stock appear here.
      </EmptyState>
    </Page>
  );
}
