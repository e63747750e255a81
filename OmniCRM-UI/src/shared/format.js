// Money is shown as the configured currency symbol followed by the amount
// formatted for the configured locale with two decimals, e.g. "$70.00" or "€70,00".
export function formatMoney(amount, { currencySymbol, locale }) {
  const digits = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Math.abs(amount));
  return `${amount < 0 ? '-' : ''}${currencySymbol}${digits}`;
}

const API_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/;

// API timestamps are UTC, written "2025-01-31 13:45:00" (or ISO-8601 with a zone); null when
// the value is not a date.
export function parseApiTime(value) {
  const text = String(value);
  const date = new Date(API_TIME.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

// API timestamps shown in the configured locale; empty values as `empty`.
export function formatDateTime(value, { locale, empty = '—' } = {}) {
  if (!value) return empty;
  const date = parseApiTime(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value, { locale, empty = '—' } = {}) {
  if (!value) return empty;
  const date = parseApiTime(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const count = (number, unit) => `${number} ${unit}${number === 1 ? '' : 's'}`;

// The largest whole unit of a duration: "3 days", "5 hours", "12 minutes" (rounded down).
export function wholeUnits(ms) {
  if (ms >= DAY_MS) return count(Math.floor(ms / DAY_MS), 'day');
  if (ms >= HOUR_MS) return count(Math.floor(ms / HOUR_MS), 'hour');
  return count(Math.floor(ms / MINUTE_MS), 'minute');
}

// "in 22 days", "in 3 hours", "5 minutes ago" (spec 04 §20); '' when `value` is not a date.
export function relativeTime(value, now = Date.now()) {
  const date = value ? parseApiTime(value) : null;
  if (!date) return '';
  const ms = date.getTime() - now;
  return ms >= 0 ? `in ${wholeUnits(ms)}` : `${wholeUnits(-ms)} ago`;
}
