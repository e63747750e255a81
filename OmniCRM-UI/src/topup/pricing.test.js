import { describe, expect, it } from 'vitest';
import { formatTopUpPrice, topUpAmount } from './pricing';

const usd = { topUpPricePerDay: 10, currencySymbol: '$', locale: 'en-US' };

describe('top-up pricing', () => {
  it('prices 7 days at 10 USD per day as $70.00', () => {
    expect(formatTopUpPrice(7, usd)).toBe('$70.00');
  });

  it('uses the locale for digit grouping and decimal separator', () => {
    expect(
      formatTopUpPrice(30, { topUpPricePerDay: 41.15, currencySymbol: '£', locale: 'en-GB' }),
    ).toBe('£1,234.50');
    expect(formatTopUpPrice(7, { topUpPricePerDay: 10, currencySymbol: '€', locale: 'de-DE' })).toBe(
      '€70,00',
    );
  });

  it('computes in whole cents like the server', () => {
    expect(topUpAmount(3, 0.1)).toBe(0.3);
    expect(formatTopUpPrice(3, { ...usd, topUpPricePerDay: 0.1 })).toBe('$0.30');
  });

  it('refuses a number of days outside 1 to 30', () => {
    expect(() => topUpAmount(0, 10)).toThrow(RangeError);
    expect(() => topUpAmount(31, 10)).toThrow(RangeError);
    expect(() => topUpAmount(1.5, 10)).toThrow(RangeError);
    expect(topUpAmount(30, 10)).toBe(300);
  });
});
