import { describe, expect, it } from 'vitest';
import { encodePlusCode, parseLocation } from './plusCode';

describe('encodePlusCode', () => {
  it('gives the 12-character code of central London', () => {
    const code = encodePlusCode(51.5074, -0.1278);
    expect(code).toBe('9C3XGV4C+XV8');
    expect(code).toHaveLength(12);
    expect(code.indexOf('+')).toBe(8);
  });

  it('gives the codes the API computes (Python openlocationcode)', () => {
    expect(encodePlusCode(-33.8688, 151.2093)).toBe('4RRH46J5+FPM');
    expect(encodePlusCode(-41.2865, 174.7762)).toBe('4VCPPQ7G+CF4');
    expect(encodePlusCode(51.5074, -0.1278, 10)).toBe('9C3XGV4C+XV');
  });

  it('keeps the north pole and the antimeridian inside the grid', () => {
    expect(encodePlusCode(90, 180)).toBe('C2X2X2X2+X2R');
    expect(encodePlusCode(45, -180)).toBe(encodePlusCode(45, 180));
  });
});

describe('parseLocation', () => {
  it('reads typed coordinates as numbers', () => {
    expect(parseLocation('51.5074', ' -0.1278 ')).toEqual({ latitude: 51.5074, longitude: -0.1278 });
  });

  it('refuses missing, non-numeric and out-of-range coordinates', () => {
    expect(parseLocation('', '-0.1278')).toBeNull();
    expect(parseLocation('51.5', 'abc')).toBeNull();
    expect(parseLocation('90.5', '0')).toBeNull();
    expect(parseLocation('0', '-180.1')).toBeNull();
  });
});
