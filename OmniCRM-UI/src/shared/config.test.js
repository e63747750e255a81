import { describe, expect, it } from 'vitest';
import { DEFAULT_COLORS, darken, parseConfig } from './config';

describe('parseConfig', () => {
  it('uses the spec defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.colors).toMatchObject(DEFAULT_COLORS);
    expect(config.colors.primaryDark).toBe(darken('#405189', 0.2));
    expect(config.defaultLanguage).toBe('en');
    expect(config.locale).toBe('en-US');
    expect(config.currencyCode).toBe('USD');
    expect(config.currencySymbol).toBe('$');
    expect(config.fontFamily).toBe('Quicksand');
    expect(config.topUpPricePerDay).toBe(10);
    expect(config.allowSocialLogins).toBe(false);
    expect(config.webApps).toEqual([]);
    expect(config.grafana.dashboards).toEqual([]);
  });

  it('reads the branding names', () => {
    const config = parseConfig({
      REACT_APP_COMPANY_NAME: 'ShellFone',
      REACT_APP_PORTAL_NAME: 'ShellManager',
      REACT_APP_SELF_CARE_NAME: 'ShellCare',
      REACT_APP_COMPANY_TAGLINE: 'Always on',
    });
    expect(config).toMatchObject({
      companyName: 'ShellFone',
      portalName: 'ShellManager',
      selfCareName: 'ShellCare',
      tagline: 'Always on',
    });
  });

  it('keeps valid #RRGGBB colours and falls back to the default for invalid ones', () => {
    const { colors } = parseConfig({
      REACT_APP_PRIMARY_COLOR: '#00aa11',
      REACT_APP_SECONDARY_COLOR: 'red',
      REACT_APP_DANGER_COLOR: '#12345',
      REACT_APP_WARNING_COLOR: '#GGGGGG',
      REACT_APP_SUCCESS_COLOR: ' #112233 ',
    });
    expect(colors.primary).toBe('#00aa11');
    expect(colors.secondary).toBe(DEFAULT_COLORS.secondary);
    expect(colors.danger).toBe(DEFAULT_COLORS.danger);
    expect(colors.warning).toBe(DEFAULT_COLORS.warning);
    expect(colors.success).toBe('#112233');
  });

  it('derives the dark primary from the primary unless a valid one is given', () => {
    expect(parseConfig({ REACT_APP_PRIMARY_COLOR: '#ffffff' }).colors.primaryDark).toBe('#cccccc');
    expect(parseConfig({ REACT_APP_PRIMARY_DARK_COLOR: '#101010' }).colors.primaryDark).toBe('#101010');
    expect(parseConfig({ REACT_APP_PRIMARY_DARK_COLOR: 'dark' }).colors.primaryDark).toBe(
      darken(DEFAULT_COLORS.primary, 0.2),
    );
  });

  it('accepts only the 8 product language codes and falls back to en', () => {
    expect(parseConfig({ REACT_APP_DEFAULT_LANGUAGE: 'de' }).defaultLanguage).toBe('en');
    expect(parseConfig({ REACT_APP_DEFAULT_LANGUAGE: 'es' }).defaultLanguage).toBe('en');
    expect(parseConfig({ REACT_APP_DEFAULT_LANGUAGE: 'sp' }).defaultLanguage).toBe('sp');
    expect(parseConfig({ REACT_APP_DEFAULT_LANGUAGE: 'GR' }).defaultLanguage).toBe('gr');
  });

  it('falls back to en-US for a malformed locale', () => {
    expect(parseConfig({ REACT_APP_LOCALE: 'en-GB' }).locale).toBe('en-GB');
    expect(parseConfig({ REACT_APP_LOCALE: 'en_GB!' }).locale).toBe('en-US');
  });

  it('lists a web app only when both NAME and URL are set', () => {
    const { webApps } = parseConfig({
      REACT_APP_WEB_APP_1_NAME: 'GitHub',
      REACT_APP_WEB_APP_1_URL: 'https://github.example',
      REACT_APP_WEB_APP_1_ICON_PATH: 'resources/webapp_icons/github.png',
      REACT_APP_WEB_APP_2_NAME: 'Xero',
      REACT_APP_WEB_APP_3_URL: 'https://slack.example',
      REACT_APP_WEB_APP_6_NAME: 'Gmail',
      REACT_APP_WEB_APP_6_URL: 'https://mail.example',
      REACT_APP_WEB_APP_7_NAME: 'Seventh',
      REACT_APP_WEB_APP_7_URL: 'https://seven.example',
    });
    expect(webApps).toEqual([
      {
        name: 'GitHub',
        url: 'https://github.example',
        iconPath: 'resources/webapp_icons/github.png',
      },
      { name: 'Gmail', url: 'https://mail.example', iconPath: '' },
    ]);
  });

  it('labels Grafana dashboards by position and names the unlabelled ones "Dashboard N"', () => {
    const { grafana } = parseConfig({
      REACT_APP_GRAFANA_URLS: 'https://g.example/d/a, https://g.example/d/b,https://g.example/d/c',
      REACT_APP_GRAFANA_LABELS: 'Network',
      REACT_APP_GRAFANA_API_KEY: 'glsa_key',
    });
    expect(grafana.dashboards).toEqual([
      { url: 'https://g.example/d/a', label: 'Network' },
      { url: 'https://g.example/d/b', label: 'Dashboard 2' },
      { url: 'https://g.example/d/c', label: 'Dashboard 3' },
    ]);
    expect(grafana.apiKey).toBe('glsa_key');
  });

  it('reads social logins as yes/no and the top-up price as a number', () => {
    expect(parseConfig({ REACT_APP_ALLOW_SOCIAL_LOGINS: 'yes' }).allowSocialLogins).toBe(true);
    expect(parseConfig({ REACT_APP_ALLOW_SOCIAL_LOGINS: 'no' }).allowSocialLogins).toBe(false);
    expect(parseConfig({ REACT_APP_TOPUP_PRICE_PER_DAY: '2.5' }).topUpPricePerDay).toBe(2.5);
    expect(parseConfig({ REACT_APP_TOPUP_PRICE_PER_DAY: 'ten' }).topUpPricePerDay).toBe(10);
    expect(parseConfig({ REACT_APP_TOPUP_PRICE_PER_DAY: '-1' }).topUpPricePerDay).toBe(10);
  });

  it('reads the provisioning poll interval within 2000-5000 ms', () => {
    expect(parseConfig({}).provisionPollMs).toBe(3000);
    expect(parseConfig({ REACT_APP_PROVISION_POLL_MS: '4500' }).provisionPollMs).toBe(4500);
    expect(parseConfig({ REACT_APP_PROVISION_POLL_MS: '500' }).provisionPollMs).toBe(3000);
    expect(parseConfig({ REACT_APP_PROVISION_POLL_MS: 'fast' }).provisionPollMs).toBe(3000);
  });

  it('reads the support links', () => {
    const config = parseConfig({ REACT_APP_FAQS_URL: 'https://help.example/faq' });
    expect(config.faqsUrl).toBe('https://help.example/faq');
    expect(config.supportUrl).toBe('');
  });
});
