import { day, money } from './display';

// The account's renewal plans in the OCS (spec 04 §21): "Next renewal: 1 Feb 2025 (in 22 days)
// Renewal amount: £15.00"; nothing without a plan.
export default function NextRenewal({ plans }) {
  if (!plans?.length) return null;
  return (
    <ul className="plain-list" aria-label="Renewals">
      {plans.map((plan) => (
        <li key={plan.ActionPlanId}>
          Next renewal: {plan.NextExecTime ? day(plan.NextExecTime) : 'not scheduled'}
          {plan.custom_NextExecTime_hr && ` (${plan.custom_NextExecTime_hr})`}
          {plan.renewal_amount !== undefined && plan.renewal_amount !== null && (
            <> · Renewal amount: {money(plan.renewal_amount)}</>
          )}
        </li>
      ))}
    </ul>
  );
}
