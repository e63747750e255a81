import Alert from '../../shared/ui/Alert';
import usePolling from '../../shared/usePolling';
import CdrTable from './CdrTable';
import { when } from './display';
import NextRenewal from './NextRenewal';
import { ocsNotice, usageCards } from './usage';
import UsageCard from './UsageCard';

// The usage view re-reads the service this often while it is open (spec 04 §21).
export const USAGE_POLL_MS = 3000;

// Usage: a card per balance type, the renewals, and the usage records. The service is read again
// every few seconds; the cards keep the last values meanwhile and when a read fails.
export default function UsageTab({ service, error, reload }) {
  usePolling(reload, USAGE_POLL_MS, true);
  const { usage } = service;
  if (!usage) return <p className="empty-text">The usage of this service is not available.</p>;
  const notice = ocsNotice(usage);
  return (
    <div className="stack">
      {error && <Alert>Could not refresh the usage: {error}</Alert>}
      {notice && (
        <Alert kind={notice[0]}>
          {notice[1]}
          {usage.last_known && usage.fetched_at && <p className="alert__text">Last read {when(usage.fetched_at)}.</p>}
        </Alert>
      )}
      <div className="usage-cards">
        {usageCards(usage.balances).map(({ key, label, balance }) => (
          <UsageCard key={key} label={label} balance={balance} />
        ))}
      </div>
      <NextRenewal plans={usage.action_plans} />
      <CdrTable serviceId={service.service_id} />
    </div>
  );
}
