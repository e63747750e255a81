import { config } from '../../shared/config';
import { formatMoney, parseApiTime, wholeUnits } from '../../shared/format';

// The balance cards of the usage view (spec 04 §21), in this order.
const BALANCE_TYPES = [
  ['data', 'Data'],
  ['voice', 'Voice'],
  ['sms', 'SMS'],
  ['monetary', 'Monetary'],
];

// [{key, label, balance}] of the cards to show: the balance types of the usage block, which the
// API chose for the service type (a mobile service has all four, 0 / 0 when the OCS holds none).
export function usageCards(balances = {}) {
  return BALANCE_TYPES.filter(([key]) => key in balances).map(([key, label]) => ({
    key,
    label,
    balance: balances[key],
  }));
}

// One figure of a balance in its unit: "12.5 GB", "125 min", "45", "£15.50".
export function amount(value, balance) {
  const number = Number(value) || 0;
  if (balance.unit === 'currency') {
    return formatMoney(number, {
      currencySymbol: balance.currency_symbol ?? config.currencySymbol,
      locale: config.locale,
    });
  }
  return balance.unit && balance.unit !== 'msgs' ? `${number} ${balance.unit}` : String(number);
}

// "12.5 GB / 20 GB (62%)": what remains first; "0 / 0" for an empty balance.
export function balanceText(balance) {
  if (!Number(balance.total) && !Number(balance.remaining)) return '0 / 0';
  return `${amount(balance.remaining, balance)} / ${amount(balance.total, balance)} (${balance.percent_remaining}%)`;
}

// The card's expiry: "Expires in 15 days" for the nearest expiry, "Never expires" without one.
export function expiryText(balance, now = Date.now()) {
  const expiry = balance.next_expiry ? parseApiTime(balance.next_expiry) : null;
  if (!expiry) return 'Never expires';
  const left = expiry.getTime() - now;
  return left > 0 ? `Expires in ${wholeUnits(left)}` : 'Expired';
}

// A bucket's expiry: EXPIRED, never expires, or the date with the time left.
export function bucketExpiry(bucket, formatDay, now = Date.now()) {
  if (bucket.expired) return 'EXPIRED';
  const expiry = bucket.expiry_time ? parseApiTime(bucket.expiry_time) : null;
  if (bucket.never_expires || !expiry) return 'never expires';
  return `${formatDay(bucket.expiry_time)} (${wholeUnits(Math.max(0, expiry.getTime() - now))} left)`;
}

// What the usage block says of the OCS: [alert kind, text], or null when all is well.
export function ocsNotice(usage) {
  switch (usage?.ocs_status) {
    case 'unreachable':
      return ['warning', 'OCS unavailable — showing last known values'];
    case 'not_provisioned':
      return ['info', 'Not provisioned in the OCS'];
    case 'not_found':
      return ['warning', 'Account not found in the OCS'];
    case 'error':
      return ['warning', `OCS error: ${usage.error}`];
    default:
      return null;
  }
}
