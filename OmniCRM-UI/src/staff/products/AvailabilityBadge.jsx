import Badge from '../../shared/ui/Badge';
import { AVAILABILITY } from './productFields';

// Available / Scheduled / Expired / Disabled, from the API's availability_status.
export default function AvailabilityBadge({ status }) {
  const { label, kind } = AVAILABILITY[status] ?? { label: status, kind: 'neutral' };
  return <Badge kind={kind}>{label}</Badge>;
}
