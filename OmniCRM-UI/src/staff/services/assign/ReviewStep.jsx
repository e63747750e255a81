import { useState } from 'react';
import ApiErrorAlert from '../../../shared/ui/ApiErrorAlert';
import DetailRow from '../../../shared/ui/DetailRow';
import { CheckboxField } from '../../../shared/ui/Field';
import useAction from '../../../shared/useAction';
import { day, money } from '../display';
import StepActions from './StepActions';
import { renewalDate } from './steps';

// What is about to be provisioned (spec 04 §18.6): customer, product, what was `chosen` ([label,
// text] rows: the inventory, a business customer's details), what is due today, the monthly cost,
// the first renewal and auto-renew; the product's terms must be accepted.
// Confirm & Provision calls onConfirm(), which may refuse: the API's message and reasons show here.
export default function ReviewStep({ customerName, service, product, chosen, autoRenew, onBack, onConfirm }) {
  const [accepted, setAccepted] = useState(false);
  const { run, busy, failure } = useAction(onConfirm);

  const renews = renewalDate(product);
  return (
    <section className="panel card stack" aria-label="Review">
      <dl className="details details--compact">
        <DetailRow label="Customer">{customerName}</DetailRow>
        {service && <DetailRow label="Service">{service.service_name}</DetailRow>}
        <DetailRow label="Product">{product.product_name}</DetailRow>
        {chosen.map(([name, label]) => (
          <DetailRow key={name} label={name}>
            {label}
          </DetailRow>
        ))}
        <DetailRow label="Setup cost (due today)">{money(product.retail_setup_cost)}</DetailRow>
        <DetailRow label="Monthly cost">{money(product.retail_cost)}</DetailRow>
        <DetailRow label="Renewal date">{renews ? day(renews.toISOString()) : 'One-off: no renewal'}</DetailRow>
        <DetailRow label="Auto-renew">{autoRenew ? 'Yes' : 'No'}</DetailRow>
      </dl>
      {product.terms && (
        <>
          <p className="product-card__terms">{product.terms}</p>
          <CheckboxField
            id="review-terms"
            label="The customer accepts the terms and conditions"
            checked={accepted}
            onChange={setAccepted}
          />
        </>
      )}
      {failure && <ApiErrorAlert error={failure} />}
      <StepActions
        onBack={onBack}
        nextLabel="Confirm & Provision"
        nextDisabled={busy || (Boolean(product.terms) && !accepted)}
        onNext={() => run()}
      />
    </section>
  );
}
