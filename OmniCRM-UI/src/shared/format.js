// Money is shown as the configured currency symbol followed by the amount
// formatted for the configured locale with two decimals, e.g. "$70.00" or "€70,00".
export function formatMoney(amount, { currencySymbol, locale }) {
  const digits = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Math.abs(amount));
  return `${amount < 0 ? '-' : ''}${currencySymbol}${digits}`;
}

// API timestamps (ISO-8601, UTC) shown in the configured locale; empty values as `empty`.
export function formatDateTime(value, { locale, empty = '—' } = {}) {
  if (!value) return empty;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value, { locale, empty = '—' } = {}) {
  if (!value) return empty;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
