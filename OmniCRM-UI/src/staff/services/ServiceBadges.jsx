import Badge from '../../shared/ui/Badge';
import { RenewIcon } from '../../shared/ui/icons';
import { statusKind } from './serviceStatus';

export function ServiceStatusBadge({ status }) {
  return <Badge kind={statusKind(status)}>{status}</Badge>;
}

// Auto-renew icon, "Expiring soon" (ends within 7 days) and "Overdue" (an unpaid invoice past its
// due date holds one of its charges), as the API flags them.
export function ServiceFlags({ service }) {
  return (
    <span className="badges">
      {service.auto_renew && (
        <span className="service-flag" role="img" aria-label="Auto-renew on" title="Auto-renew on">
          <RenewIcon />
        </span>
      )}
      {service.expiring_soon && <Badge kind="caution">Expiring soon</Badge>}
      {service.overdue && <Badge kind="danger">Overdue</Badge>}
    </span>
  );
}
