import { describe, expect, it } from 'vitest';
import {
  changedFields,
  cloneValues,
  jsonVarsProblem,
  longFeatures,
  parseFeatures,
  parseListLiteral,
  pricingPreview,
  productBody,
  productProblems,
  productValues,
  slugProblem,
  suggestSlug,
} from './productFields';

describe('slug suggestion', () => {
  it.each([
    ['Mobile Prepaid 20GB', 'mobile-prepaid-20gb'],
    ['Mobile prépayé 20 Go', 'mobile-prepaye-20-go'],
    ['  Fibre 1000/50 -- Business!  ', 'fibre-1000-50-business'],
    ['Ünïcödé Çafé & Crème', 'unicode-cafe-creme'],
    ['ÅNGSTRÖM', 'angstrom'],
    ['---', ''],
  ])('%s → %s', (name, slug) => {
    expect(suggestSlug(name)).toBe(slug);
  });

  it('never suggests a slug the API would refuse', () => {
    expect(slugProblem(suggestSlug('a / b ? c # d % e'))).toBe('');
    expect(suggestSlug('a / b ? c # d % e')).toBe('a-b-c-d-e');
  });

  it('refuses empty slugs and slugs with spaces or / ? # %, and accepts mixed case and accents', () => {
    expect(slugProblem('')).toBe('required');
    expect(slugProblem('has space')).toMatch(/no spaces/);
    expect(slugProblem('a/b')).toMatch(/no spaces/);
    expect(slugProblem('a%b')).toMatch(/no spaces/);
    expect(slugProblem('Mobile-SIM')).toBe('');
    expect(slugProblem('mobile-prépayé-20go')).toBe('');
  });
});

describe('pricing preview', () => {
  it('matches the reference example of spec 06', () => {
    expect(
      pricingPreview({
        retail_cost: '15.00',
        wholesale_cost: '5.00',
        retail_setup_cost: '0.00',
        wholesale_setup_cost: '1.00',
      }),
    ).toEqual({ monthlyMargin: 10, markupPercent: 200, marginPercent: 66.67, setupMargin: -1, dueToday: 15 });
  });

  it('has no markup without a wholesale cost and no margin % without a retail price', () => {
    const free = pricingPreview({
      retail_cost: '0',
      wholesale_cost: '0',
      retail_setup_cost: '',
      wholesale_setup_cost: '',
    });
    expect(free.markupPercent).toBeNull();
    expect(free.marginPercent).toBeNull();
    const noCost = pricingPreview({
      retail_cost: '9.99',
      wholesale_cost: '',
      retail_setup_cost: '',
      wholesale_setup_cost: '',
    });
    expect(noCost.markupPercent).toBeNull();
    expect(noCost.marginPercent).toBe(100);
  });

  it('makes due today the setup plus the first period, and rounds to cents', () => {
    const preview = pricingPreview({
      retail_cost: '10.10',
      wholesale_cost: '3.03',
      retail_setup_cost: '49.90',
      wholesale_setup_cost: '45.00',
    });
    expect(preview.dueToday).toBe(60);
    expect(preview.monthlyMargin).toBe(7.07);
    expect(preview.markupPercent).toBe(233.33);
    expect(preview.marginPercent).toBe(70);
    expect(preview.setupMargin).toBe(4.9);
  });

  it('gives NaN for a cost that is not a number', () => {
    expect(pricingPreview({ retail_cost: 'abc', wholesale_cost: '1' }).monthlyMargin).toBeNaN();
  });
});

describe('features preview', () => {
  it('splits sentences on ". " and drops the last full stop and empty parts', () => {
    expect(parseFeatures('20GB data. Unlimited calls. EU roaming.')).toEqual({
      features: ['20GB data', 'Unlimited calls', 'EU roaming'],
      error: '',
    });
    expect(parseFeatures('  One.  . Two ').features).toEqual(['One', 'Two']);
    expect(parseFeatures('').features).toEqual([]);
  });

  it('reads the list format with single or double quotes, keeping periods inside items', () => {
    expect(parseFeatures("['20GB data', 'Unlimited calls', 'EU roaming']").features).toEqual([
      '20GB data',
      'Unlimited calls',
      'EU roaming',
    ]);
    expect(parseFeatures('["Up to 100 Mbps. Subject to availability", "Unlimited data"]').features).toEqual([
      'Up to 100 Mbps. Subject to availability',
      'Unlimited data',
    ]);
    expect(parseFeatures("  ['It\\'s fast',]").features).toEqual(["It's fast"]);
  });

  it('gives the same bullets for both formats', () => {
    expect(parseFeatures('20GB data. Unlimited calls. EU roaming').features).toEqual(
      parseFeatures("['20GB data', 'Unlimited calls', 'EU roaming']").features,
    );
  });

  it('flags a broken list, which the API refuses', () => {
    expect(parseFeatures("['broken").error).toMatch(/Not a valid list/);
    expect(parseFeatures("['a' 'b']").error).toMatch(/Not a valid list/);
    expect(parseFeatures("['a'] trailing").error).toMatch(/Not a valid list/);
    expect(parseFeatures('[a, b]').error).toMatch(/Not a valid list/);
  });

  it('warns about features longer than 50 characters', () => {
    const long = 'x'.repeat(51);
    expect(longFeatures(parseFeatures(`Short. ${'y'.repeat(50)}. ${long}`).features)).toEqual([long]);
  });

  it('reads list literals as the API stores them', () => {
    expect(parseListLiteral("['SIM Card', 'Mobile Number']")).toEqual(['SIM Card', 'Mobile Number']);
    expect(parseListLiteral('[]')).toEqual([]);
    expect(parseListLiteral("['mobile', 42]")).toEqual(['mobile', '42']);
  });
});

describe('JSON vars', () => {
  it('accepts empty text and JSON objects only', () => {
    expect(jsonVarsProblem('')).toBe('');
    expect(jsonVarsProblem('{"days": 30, "data_gb": 20}')).toBe('');
    expect(jsonVarsProblem('[1, 2]')).toMatch(/JSON object/);
    expect(jsonVarsProblem('null')).toMatch(/JSON object/);
    expect(jsonVarsProblem('{days: 30}')).toMatch(/invalid JSON/);
  });
});

describe('product form', () => {
  const product = {
    product_id: 4,
    product_name: 'Mobile Prepaid 20GB',
    product_slug: 'mobile-prepaid-20gb',
    category: 'standalone',
    service_type: 'mobile',
    enabled: true,
    icon: null,
    comment: null,
    retail_cost: 15,
    wholesale_cost: 5,
    retail_setup_cost: 0,
    wholesale_setup_cost: 1,
    tax_percentage: 0,
    contract_days: 30,
    residential: true,
    business: false,
    customer_can_purchase: true,
    available_from: null,
    available_until: '2026-12-31 23:59:00',
    auto_renew: 'prompt',
    allow_auto_renew: true,
    inventory_items_list: "['SIM Card', 'Mobile Number']",
    inventory_items: ['SIM Card', 'Mobile Number'],
    relies_on_list: "['mobile', '7']",
    features_list: '20GB data. Unlimited calls',
    terms: '',
    provisioning_play: null,
    provisioning_json_vars: '',
  };

  it('sends lists as arrays, dates as API date-times and costs as typed', () => {
    const body = productBody(productValues(product));
    expect(body.inventory_items_list).toEqual(['SIM Card', 'Mobile Number']);
    expect(body.relies_on_list).toEqual(['mobile', '7']);
    expect(body.available_until).toBe('2026-12-31 23:59:00');
    expect(body.available_from).toBeNull();
    expect(body.retail_cost).toBe('15.00');
    expect(body.auto_renew).toBe('prompt');
  });

  it('sends only the changed fields on edit', () => {
    const values = { ...productValues(product), retail_cost: '17.50', enabled: false };
    expect(changedFields(values, product)).toEqual({ retail_cost: '17.50', enabled: false });
    expect(changedFields(productValues(product), product)).toEqual({});
  });

  it('clones with a "-copy" slug', () => {
    const values = cloneValues(product);
    expect(values.product_slug).toBe('mobile-prepaid-20gb-copy');
    expect(values.product_name).toBe('Mobile Prepaid 20GB (copy)');
    expect(values.inventory_items).toEqual(['SIM Card', 'Mobile Number']);
  });

  it('finds what the API would refuse before sending', () => {
    const values = {
      ...productValues(),
      product_name: ' ',
      product_slug: 'bad slug',
      retail_cost: '-1',
      tax_percentage: '101',
      contract_days: '1.5',
      available_from: '2026-02-01T00:00',
      available_until: '2026-01-01T00:00',
      features_list: "['broken",
      provisioning_play: '../etc',
      provisioning_json_vars: '[1]',
    };
    expect(Object.keys(productProblems(values)).sort()).toEqual([
      'available_until',
      'contract_days',
      'features_list',
      'product_name',
      'product_slug',
      'provisioning_json_vars',
      'provisioning_play',
      'retail_cost',
      'tax_percentage',
    ]);
    expect(productProblems({ ...productValues(), product_name: 'X', product_slug: 'x' })).toEqual({});
  });
});
