import Badge from '../../shared/ui/Badge';

// Green "Active", orange "Expiring Soon", red "Expired".
export default function ApiKeyStatus({ apiKey }) {
  if (apiKey.status === 'expired') return <Badge kind="danger">Expired</Badge>;
  if (apiKey.expiring_soon) return <Badge kind="warning">Expiring Soon</Badge>;
  return <Badge kind="success">Active</Badge>;
}
