import { api } from '../../shared/api';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import DetailRow from '../../shared/ui/DetailRow';
import { money } from './display';

// Renew Now (spec 04 §20): `renewal` names the customer, service, product, cost and next scheduled
// renewal; onStarted receives the renewal job's provision_id.
export function RenewNowDialog({ renewal, onClose, onStarted }) {
  return (
    <ConfirmDialog
      title="Renew now"
      confirmLabel="Renew Now"
      onClose={onClose}
      onConfirm={async () => {
        const { data } = await api.post(`/crm/service/${renewal.service_id}/renew_now`);
        onStarted(data.provision_id);
      }}
    >
      <p>The service is renewed now: its allowances are added again and the renewal is charged.</p>
      <dl className="details details--compact">
        <DetailRow label="Customer">{renewal.customer_name}</DetailRow>
        <DetailRow label="Service">{renewal.service_name}</DetailRow>
        <DetailRow label="Product">{renewal.product_name}</DetailRow>
        <DetailRow label="Cost">{money(renewal.cost)}</DetailRow>
        <DetailRow label="Next scheduled renewal">{renewal.next || 'None scheduled'}</DetailRow>
      </dl>
    </ConfirmDialog>
  );
}

// Remove auto-renew (spec 04 §20): every renewal plan of the service's account goes; onRemoved
// receives the API's answer.
export function RemoveAutoRenewDialog({ serviceId, serviceName, onClose, onRemoved }) {
  return (
    <ConfirmDialog
      title="Remove auto-renew"
      confirmLabel="Remove Auto-Renew"
      danger
      onClose={onClose}
      onConfirm={async () => {
        const { data } = await api.delete(`/crm/service/${serviceId}/auto_renew`);
        onRemoved(data);
      }}
    >
      <p>
        {serviceName} will not renew automatically: it keeps its status and expires at its current end date unless it is
        renewed by hand or topped up.
      </p>
    </ConfirmDialog>
  );
}
