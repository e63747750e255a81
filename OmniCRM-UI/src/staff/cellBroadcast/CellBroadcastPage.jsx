import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function CellBroadcastPage() {
  return (
    <Page title="Cell Broadcast">
      <EmptyState title="No cell broadcast messages yet">Messages sent to the cell broadcast centre appear here.</EmptyState>
    </Page>
  );
}
