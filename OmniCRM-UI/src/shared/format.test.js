import { describe, expect, it } from 'vitest';
import { relativeTime, wholeUnits } from './format';

const NOW = Date.parse('2025-01-10T00:00:00Z');
const HOUR = 60 * 60 * 1000;

describe('relative time (spec 04 §20)', () => {
  it('says days, hours or minutes ahead, rounded down, singular for one', () => {
    expect(relativeTime('2025-02-01T00:00:00+00:00', NOW)).toBe('in 22 days');
    expect(relativeTime('2025-01-11T05:00:00Z', NOW)).toBe('in 1 day');
    expect(relativeTime('2025-01-10T23:59:00Z', NOW)).toBe('in 23 hours');
    expect(relativeTime('2025-01-10T00:01:30Z', NOW)).toBe('in 1 minute');
  });

  it('says how long ago a past time was, and nothing for no date', () => {
    expect(relativeTime('2025-01-09T21:00:00Z', NOW)).toBe('3 hours ago');
    expect(relativeTime('2025-01-01T00:00:00Z', NOW)).toBe('9 days ago');
    expect(relativeTime(null, NOW)).toBe('');
    expect(relativeTime('soon', NOW)).toBe('');
  });

  it('keeps the largest whole unit of a duration', () => {
    expect(wholeUnits(49 * HOUR)).toBe('2 days');
    expect(wholeUnits(HOUR)).toBe('1 hour');
    expect(wholeUnits(59 * 60 * 1000)).toBe('59 minutes');
  });
});
