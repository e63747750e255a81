import { describe, expect, it } from 'vitest';
import { day } from './display';
import { usageBlock } from './testData';
import { amount, balanceText, bucketExpiry, expiryText, ocsNotice, usageCards } from './usage';

const { balances } = usageBlock();
const NOW = Date.parse('2099-01-10T00:00:00Z');

describe('usage cards (spec 04 §21)', () => {
  it('shows the balance types of the usage block in a fixed order', () => {
    const { sms, data, monetary } = balances;
    expect(usageCards({ sms, monetary, data }).map((card) => card.label)).toEqual(['Data', 'SMS', 'Monetary']);
    expect(usageCards({})).toEqual([]);
  });

  it('writes what remains first, in each unit', () => {
    expect(balanceText(balances.data)).toBe('12.5 GB / 20 GB (62%)');
    expect(balanceText(balances.voice)).toBe('125 min / 500 min (25%)');
    expect(balanceText(balances.sms)).toBe('45 / 250 (18%)');
    expect(balanceText(balances.monetary)).toBe('£15.50 / £20.00 (77%)');
    expect(amount(-1.5, balances.monetary)).toBe('-£1.50');
  });

  it('tells the time to the nearest expiry, or that the balance never expires', () => {
    expect(expiryText(balances.data, NOW)).toBe('Expires in 15 days');
    expect(expiryText(balances.voice, NOW)).toBe('Never expires');
    expect(balanceText({ ...balances.sms, remaining: 0, total: 0, percent_remaining: 0 })).toBe('0 / 0');
    expect(expiryText({ next_expiry: '2099-01-10T05:30:00Z' }, NOW)).toBe('Expires in 5 hours');
  });

  it('marks a bucket EXPIRED or never expiring, else its date and time left', () => {
    const [topUp, monthly, old] = balances.data.buckets;
    expect(bucketExpiry(old, day, NOW)).toBe('EXPIRED');
    expect(bucketExpiry(monthly, day, NOW)).toBe('never expires');
    expect(bucketExpiry(topUp, day, NOW)).toBe('Jan 20, 2099 (10 days left)');
  });

  it('warns when the OCS is unreachable or does not know the service', () => {
    expect(ocsNotice(usageBlock({ ocs_status: 'unreachable' }))).toEqual([
      'warning',
      'OCS unavailable — showing last known values',
    ]);
    expect(ocsNotice(usageBlock({ ocs_status: 'not_provisioned' }))).toEqual(['info', 'Not provisioned in the OCS']);
    expect(ocsNotice(usageBlock({ ocs_status: 'error', error: 'SERVER_ERROR' }))).toEqual([
      'warning',
      'OCS error: SERVER_ERROR',
    ]);
    expect(ocsNotice(usageBlock())).toBeNull();
  });
});
