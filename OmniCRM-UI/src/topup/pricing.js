import { formatMoney } from '../shared/format';

export const MIN_TOP_UP_DAYS = 1;
export const MAX_TOP_UP_DAYS = 30;

// Same rule as the server (spec 05 C4): days × round(price per day × 100) cents.
export function topUpAmount(days, pricePerDay) {
  if (!Number.isInteger(days) || days < MIN_TOP_UP_DAYS || days > MAX_TOP_UP_DAYS) {
    throw new RangeError(`A top-up is ${MIN_TOP_UP_DAYS} to ${MAX_TOP_UP_DAYS} days, not ${days}`);
  }
  return (days * Math.round(pricePerDay * 100)) / 100;
}

export function formatTopUpPrice(days, { topUpPricePerDay, currencySymbol, locale }) {
  return formatMoney(topUpAmount(days, topUpPricePerDay), { currencySymbol, locale });
}
