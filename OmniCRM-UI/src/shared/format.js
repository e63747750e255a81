// Money is shown as the configured currency symbol followed by the amount
// formatted for the configured locale with two decimals, e.g. "$70.00" or "€70,00".
export function formatMoney(amount, { currencySymbol, locale }) {
  const digits = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Math.abs(amount));
  return `${amount < 0 ? '-' : ''}${currencySymbol}${digits}`;
}
