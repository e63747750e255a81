import Badge from '../../shared/ui/Badge';

const KINDS = { Open: 'success', Suspended: 'warning', Closed: 'neutral', Archived: 'danger' };

export default function StatusBadge({ status }) {
  return <Badge kind={KINDS[status]}>{status}</Badge>;
}
