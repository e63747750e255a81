import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import DetailRow from '../../shared/ui/DetailRow';
import { CheckboxField } from '../../shared/ui/Field';
import useAction from '../../shared/useAction';
import { day, money } from './display';
import NextRenewal from './NextRenewal';
import { ServiceStatusBadge } from './ServiceBadges';
import { SUSPENSION_REASONS } from './serviceStatus';

const reasonLabel = (reason) => SUSPENSION_REASONS.find(([value]) => value === reason)?.[1] ?? reason;

// Auto-renew switched on the spot (PATCH); switching it off removes the OCS renewal plans.
function AutoRenewToggle({ service, onChanged }) {
  const session = useSession();
  const { run, busy, failure } = useAction(async (autoRenew) => {
    await api.patch(`/crm/service/${service.service_id}`, { auto_renew: autoRenew });
    await onChanged();
  });

  return (
    <>
      <CheckboxField
        id="service-auto-renew"
        label={service.auto_renew ? 'On: renews at the end of each period' : 'Off: expires at the end of the period'}
        checked={service.auto_renew}
        disabled={busy || !can('update_customer_service', session)}
        onChange={run}
      />
      {failure && <Alert>{failure.message}</Alert>}
    </>
  );
}

// Overview: what the service is, for whom, its status, dates, price and renewal.
export default function OverviewTab({ service, reload }) {
  return (
    <div className="detail-grid">
      <section className="panel card" aria-label="Summary">
        <h2 className="card__title">Summary</h2>
        <dl className="details details--compact">
          <DetailRow label="Service ID">{service.service_id}</DetailRow>
          <DetailRow label="UUID">
            <code className="table__code">{service.service_uuid || '—'}</code>
          </DetailRow>
          <DetailRow label="Customer">
            <Link to={`/customers/${service.customer_id}`}>{service.customer_name}</Link>
          </DetailRow>
          <DetailRow label="Product">
            {service.product_id ? <Link to={`/products/${service.product_id}`}>{service.product_name}</Link> : '—'}
          </DetailRow>
          <DetailRow label="Type">{service.service_type}</DetailRow>
          <DetailRow label="Status">
            <ServiceStatusBadge status={service.service_status} />
            {service.suspension_reason && ` (${reasonLabel(service.suspension_reason)})`}
          </DetailRow>
          <DetailRow label="Notes">{service.service_notes || '—'}</DetailRow>
        </dl>
      </section>
      <section className="panel card" aria-label="Dates and pricing">
        <h2 className="card__title">Dates and pricing</h2>
        <dl className="details details--compact">
          <DetailRow label="Start date">{day(service.service_active_date)}</DetailRow>
          <DetailRow label="End date">{day(service.service_deactivate_date)}</DetailRow>
          <DetailRow label="Contract end">{day(service.contract_end_date)}</DetailRow>
          <DetailRow label="Monthly cost">{money(service.retail_cost)}</DetailRow>
          <DetailRow label="Wholesale cost">{money(service.wholesale_cost)}</DetailRow>
          <DetailRow label="Auto-renew">
            <AutoRenewToggle service={service} onChanged={reload} />
          </DetailRow>
          <DetailRow label="Next renewal">
            <NextRenewal plans={service.usage?.action_plans} />
            {!service.usage?.action_plans?.length && 'None scheduled'}
          </DetailRow>
        </dl>
      </section>
    </div>
  );
}
