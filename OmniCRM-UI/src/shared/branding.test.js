import { describe, expect, it } from 'vitest';
import { applyTheme, fontStack, resolveLogos } from './branding';

const folder = '../assets/images/omnitouch/';

describe('resolveLogos', () => {
  it('uses the default logos when no override is present', () => {
    const logos = resolveLogos({
      [`${folder}DefaultLogoDark.png`]: '/dark-default.png',
      [`${folder}DefaultLogoLight.png`]: '/light-default.png',
    });
    expect(logos).toEqual({
      small: '/dark-default.png',
      dark: '/dark-default.png',
      light: '/light-default.png',
    });
  });

  it('lets logoSm, logoDark and logoLight win over the defaults', () => {
    const logos = resolveLogos({
      [`${folder}DefaultLogoDark.png`]: '/dark-default.png',
      [`${folder}DefaultLogoLight.png`]: '/light-default.png',
      [`${folder}logoSm.png`]: '/small.png',
      [`${folder}logoDark.png`]: '/dark.png',
      [`${folder}logoLight.png`]: '/light.png',
    });
    expect(logos).toEqual({ small: '/small.png', dark: '/dark.png', light: '/light.png' });
  });

  it('finds the shipped default logos in the build', async () => {
    const { logos } = await import('./branding');
    expect(logos.dark).toMatch(/DefaultLogoDark.*\.png$/);
    expect(logos.light).toMatch(/DefaultLogoLight.*\.png$/);
  });
});

describe('applyTheme', () => {
  it('sets the colours and font as CSS custom properties', () => {
    const root = document.createElement('div');
    applyTheme({ colors: { primary: '#00aa11', primaryDark: '#008800' }, fontFamily: 'Lato' }, root);
    expect(root.style.getPropertyValue('--color-primary')).toBe('#00aa11');
    expect(root.style.getPropertyValue('--color-primary-dark')).toBe('#008800');
    expect(root.style.getPropertyValue('--font-family')).toMatch(/^"Lato", system-ui/);
  });

  it('uses the native font stack for "System"', () => {
    expect(fontStack('System')).toMatch(/^system-ui/);
    expect(fontStack('System')).not.toContain('"System"');
  });
});
