import { useState } from 'react';
import RecordsTable from '../../shared/ui/RecordsTable';
import { day } from './display';
import { amount, balanceText, bucketExpiry, expiryText } from './usage';

const BUCKET_COLUMNS = ['Bucket', 'Remaining', 'Used', 'Expiry', 'Weight'];

function Buckets({ label, balance }) {
  return (
    <div className="usage-card__buckets">
      <RecordsTable
        label={`${label} buckets`}
        columns={BUCKET_COLUMNS}
        showActions={false}
        records={balance.buckets}
        renderRow={(bucket) => (
          <tr key={bucket.uuid ?? bucket.id} className={bucket.expired ? 'table__row--muted' : undefined}>
            <td className="table__break">{bucket.id}</td>
            <td>{amount(bucket.remaining, balance)}</td>
            <td>{amount(bucket.used, balance)}</td>
            <td>{bucketExpiry(bucket, day)}</td>
            <td>{bucket.weight}</td>
          </tr>
        )}
      />
      <p className="usage-card__total">Total remaining: {amount(balance.remaining, balance)}</p>
    </div>
  );
}

// One balance type (spec 04 §21): what remains of the total as a bar coloured by the API (green,
// yellow, red), the nearest expiry, and on demand the buckets in the order the OCS uses them.
export default function UsageCard({ label, balance }) {
  const [open, setOpen] = useState(false);
  const percent = Math.max(0, Math.min(100, balance.percent_remaining));
  const color = Number(balance.total) ? balance.color : 'none';
  return (
    <section
      className={`panel card usage-card usage-card--${color}${open ? ' usage-card--open' : ''}`}
      aria-label={`${label} balance`}
    >
      <div className="usage-card__header">
        <h3 className="usage-card__label">{label}</h3>
        <span className="usage-card__expiry">{expiryText(balance)}</span>
      </div>
      <p className="usage-card__figures">{balanceText(balance)}</p>
      <div
        className={`usage-bar usage-bar--${color}`}
        role="progressbar"
        aria-label={`${label} remaining`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className="usage-bar__fill" style={{ width: `${percent}%` }} />
      </div>
      {balance.buckets.length > 0 && (
        <>
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Less info' : 'More info'}
          </button>
          {open && <Buckets label={label} balance={balance} />}
        </>
      )}
    </section>
  );
}
