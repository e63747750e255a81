import { describe, expect, it } from 'vitest';
import { contrastTextColor, relativeLuminance } from './tagColors';

describe('tag pill text colour', () => {
  it('measures relative luminance from 0 (black) to 1 (white)', () => {
    expect(relativeLuminance('000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1);
    expect(relativeLuminance('FFD700')).toBeCloseTo(0.6986, 3);
  });

  it('writes black on light backgrounds and white on dark ones', () => {
    expect(contrastTextColor('FFD700')).toBe('#000000');
    expect(contrastTextColor('1A237E')).toBe('#FFFFFF');
    expect(contrastTextColor('#ff0000')).toBe('#FFFFFF');
  });

  it('switches at a luminance of 0.5', () => {
    expect(contrastTextColor('BCBCBC')).toBe('#000000'); // 0.503
    expect(contrastTextColor('BABABA')).toBe('#FFFFFF'); // 0.491
  });
});
