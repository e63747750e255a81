// Build-time settings (REACT_APP_* variables, spec 01 §7.3), read in one place.

export const LANGUAGES = [
  { code: 'ar', name: 'العربية', htmlLang: 'ar' },
  { code: 'ch', name: '中文', htmlLang: 'zh' },
  { code: 'en', name: 'English', htmlLang: 'en' },
  { code: 'fr', name: 'Français', htmlLang: 'fr' },
  { code: 'gr', name: 'Ελληνικά', htmlLang: 'el' },
  { code: 'it', name: 'Italiano', htmlLang: 'it' },
  { code: 'ru', name: 'Русский', htmlLang: 'ru' },
  { code: 'sp', name: 'Español', htmlLang: 'es' },
];

export const DEFAULT_COLORS = {
  primary: '#405189',
  secondary: '#2bFFcf',
  tertiary: '#1a9fbf',
  success: '#28a745',
  info: '#17a2b8',
  warning: '#ffc107',
  danger: '#dc3545',
  light: '#f8f9fa',
  dark: '#343a40',
};

const MAX_WEB_APPS = 6;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function text(value, fallback = '') {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed || fallback;
}

function list(value) {
  return text(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function color(value, fallback) {
  const candidate = text(value);
  return HEX_COLOR.test(candidate) ? candidate : fallback;
}

export function darken(hexColor, fraction) {
  const channels = [1, 3, 5].map((start) => parseInt(hexColor.slice(start, start + 2), 16));
  return `#${channels
    .map((channel) => Math.round(channel * (1 - fraction)).toString(16).padStart(2, '0'))
    .join('')}`;
}

function language(value) {
  const code = text(value).toLowerCase();
  return LANGUAGES.some((entry) => entry.code === code) ? code : 'en';
}

function locale(value) {
  const candidate = text(value, 'en-US');
  try {
    return new Intl.Locale(candidate).toString();
  } catch {
    return 'en-US';
  }
}

function price(value, fallback) {
  const raw = text(value);
  const number = Number(raw);
  return raw && Number.isFinite(number) && number >= 0 ? number : fallback;
}

// A whole number of milliseconds within [min, max]; anything else is the fallback.
function interval(value, fallback, min, max) {
  const number = Number(text(value));
  return Number.isInteger(number) && number >= min && number <= max ? number : fallback;
}

function webApps(env) {
  const apps = [];
  for (let n = 1; n <= MAX_WEB_APPS; n += 1) {
    const name = text(env[`REACT_APP_WEB_APP_${n}_NAME`]);
    const url = text(env[`REACT_APP_WEB_APP_${n}_URL`]);
    if (name && url) {
      apps.push({ name, url, iconPath: text(env[`REACT_APP_WEB_APP_${n}_ICON_PATH`]) });
    }
  }
  return apps;
}

function grafanaDashboards(env) {
  const labels = list(env.REACT_APP_GRAFANA_LABELS);
  return list(env.REACT_APP_GRAFANA_URLS).map((url, index) => ({
    url,
    label: labels[index] || `Dashboard ${index + 1}`,
  }));
}

function colors(env) {
  const parsed = Object.fromEntries(
    Object.entries(DEFAULT_COLORS).map(([name, fallback]) => [
      name,
      color(env[`REACT_APP_${name.toUpperCase()}_COLOR`], fallback),
    ]),
  );
  parsed.primaryDark = color(env.REACT_APP_PRIMARY_DARK_COLOR, darken(parsed.primary, 0.2));
  return parsed;
}

export function parseConfig(env) {
  const companyName = text(env.REACT_APP_COMPANY_NAME, 'OmniCRM');
  return {
    companyName,
    portalName: text(env.REACT_APP_PORTAL_NAME, companyName),
    selfCareName: text(env.REACT_APP_SELF_CARE_NAME, `${companyName} Self-Care`),
    tagline: text(env.REACT_APP_COMPANY_TAGLINE, 'Open BSS/OSS for telecom operators'),
    defaultLocation: text(env.REACT_APP_DEFAULT_LOCATION),
    defaultCountry: text(env.REACT_APP_DEFAULT_COUNTRY),
    defaultLanguage: language(env.REACT_APP_DEFAULT_LANGUAGE),
    locale: locale(env.REACT_APP_LOCALE),
    currencyCode: text(env.REACT_APP_CURRENCY_CODE, 'USD').toUpperCase(),
    currencySymbol: text(env.REACT_APP_CURRENCY_SYMBOL, '$'),
    colors: colors(env),
    fontFamily: text(env.REACT_APP_FONT_FAMILY, 'Quicksand'),
    googleApiKey: text(env.REACT_APP_GOOGLE_API_KEY),
    stripePublishableKey: text(env.REACT_APP_STRIPE_PUBLISHABLE_KEY),
    webApps: webApps(env),
    grafana: {
      dashboards: grafanaDashboards(env),
      apiKey: text(env.REACT_APP_GRAFANA_API_KEY),
    },
    faqsUrl: text(env.REACT_APP_FAQS_URL),
    supportUrl: text(env.REACT_APP_SUPPORT_URL),
    allowSocialLogins: text(env.REACT_APP_ALLOW_SOCIAL_LOGINS).toLowerCase() === 'yes',
    topUpPricePerDay: price(env.REACT_APP_TOPUP_PRICE_PER_DAY, 10),
    provisionPollMs: interval(env.REACT_APP_PROVISION_POLL_MS, 3000, 2000, 5000),
  };
}

export const config = parseConfig(import.meta.env);
