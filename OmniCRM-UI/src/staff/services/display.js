import { config } from '../../shared/config';
import { formatDate, formatDateTime, formatMoney } from '../../shared/format';

// Money, days and times of the services pages in the configured currency and locale.
// Money as the API gives it (a number or a decimal string); anything else ("N/A") as it is.
export function money(amount) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const number = Number(amount);
  return Number.isFinite(number) ? formatMoney(number, config) : String(amount);
}
export const day = (value) => formatDate(value, { locale: config.locale });
export const when = (value) => formatDateTime(value, { locale: config.locale });
