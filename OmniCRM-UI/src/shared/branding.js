import { config } from './config';

// Logos (spec 01 §7.4): the optional overrides logoSm.png, logoDark.png and logoLight.png
// win when they are in the folder at build time; otherwise the defaults are used.
const LOGO_FOLDER = '../assets/images/omnitouch/';
const logoFiles = import.meta.glob('../assets/images/omnitouch/*.png', {
  eager: true,
  import: 'default',
});

export function resolveLogos(files) {
  const file = (name) => files[`${LOGO_FOLDER}${name}`];
  return {
    small: file('logoSm.png') ?? file('DefaultLogoDark.png'),
    dark: file('logoDark.png') ?? file('DefaultLogoDark.png'),
    light: file('logoLight.png') ?? file('DefaultLogoLight.png'),
  };
}

export const logos = resolveLogos(logoFiles);

const NATIVE_FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function fontStack(fontFamily) {
  return fontFamily === 'System' ? NATIVE_FONT_STACK : `"${fontFamily}", ${NATIVE_FONT_STACK}`;
}

function kebabCase(name) {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

// Brand colours and font become CSS custom properties on :root (--color-primary, ...).
export function applyTheme({ colors, fontFamily } = config, root = document.documentElement) {
  Object.entries(colors).forEach(([name, value]) => {
    root.style.setProperty(`--color-${kebabCase(name)}`, value);
  });
  root.style.setProperty('--font-family', fontStack(fontFamily));
}
