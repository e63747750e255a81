// Choices, previews and form ↔ API conversions of catalogue products (spec 06 §1, §1a, §1b, §B2).

export const CATEGORIES = [
  ['standalone', 'Standalone'],
  ['addon', 'Addon'],
  ['bundle', 'Bundle'],
  ['promo', 'Promo'],
];

export const AUTO_RENEW_CHOICES = [
  ['prompt', 'Ask customer'],
  ['true', 'Always'],
  ['false', 'Never'],
];

export const AVAILABILITY = {
  available: { label: 'Available', kind: 'success' },
  scheduled: { label: 'Scheduled', kind: 'info' },
  expired: { label: 'Expired', kind: 'warning' },
  disabled: { label: 'Disabled', kind: 'neutral' },
};

export const categoryLabel = (value) => CATEGORIES.find(([key]) => key === value)?.[1] ?? value;

// The slug the form suggests for a name: lower-case, accents stripped, runs of anything but
// letters and digits turned into "-" (and none at either end).
export function suggestSlug(name) {
  return String(name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Why the API would refuse a slug, or '' (06 §1: not empty, no whitespace, no / ? # %).
export function slugProblem(slug) {
  if (!slug.trim()) return 'required';
  if (/[\s/?#%]/.test(slug)) return 'no spaces or / ? # %';
  return '';
}

const PLAYBOOK = /^[A-Za-z0-9_-]+$/;

export function playbookProblem(name) {
  if (!name.trim()) return '';
  if (/\.ya?ml$/i.test(name.trim())) return 'the name without .yaml';
  return PLAYBOOK.test(name.trim()) ? '' : 'letters, digits, _ and - only';
}

// ------------------------------------------------------------------ money

const toNumber = (value) => {
  if (value === '' || value === null || value === undefined) return 0;
  const number = Number(value);
  return Number.isFinite(number) ? number : NaN;
};

const round2 = (value) => Math.round((value + Number.EPSILON) * 100) / 100;

// The live pricing panel (06 §1 derived fields, §B2): the same figures the API derives, from the
// form's current (text) values. Ratios are null when their base is 0; everything is NaN when a
// cost is not a number.
export function pricingPreview({ retail_cost, wholesale_cost, retail_setup_cost, wholesale_setup_cost }) {
  const retail = toNumber(retail_cost);
  const wholesale = toNumber(wholesale_cost);
  const retailSetup = toNumber(retail_setup_cost);
  const wholesaleSetup = toNumber(wholesale_setup_cost);
  const margin = retail - wholesale;
  return {
    monthlyMargin: round2(margin),
    markupPercent: wholesale === 0 ? null : round2((margin / wholesale) * 100),
    marginPercent: retail === 0 ? null : round2((margin / retail) * 100),
    setupMargin: round2(retailSetup - wholesaleSetup),
    dueToday: round2(retailSetup + retail),
  };
}

// ------------------------------------------------------------------ list literals

// Reads a Python-list literal of strings (or numbers) such as "['SIM Card', \"Mobile\"]", the way
// the API's ast.literal_eval does for these fields. Throws on anything else.
export function parseListLiteral(text) {
  const source = text.trim();
  let at = 0;
  const fail = (why) => {
    throw new Error(`${why} at character ${at + 1}`);
  };
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source[at])) at += 1;
  };
  const ESCAPES = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', 0: '\0' };
  const readString = () => {
    const quote = source[at];
    at += 1;
    let value = '';
    while (at < source.length && source[at] !== quote) {
      if (source[at] === '\n') fail('line break inside a quoted item');
      if (source[at] === '\\') {
        at += 1;
        value += ESCAPES[source[at]] ?? `\\${source[at] ?? ''}`;
      } else {
        value += source[at];
      }
      at += 1;
    }
    if (at >= source.length) fail('unclosed quote');
    at += 1;
    return value;
  };
  const readNumber = () => {
    const match = /^-?\d+/.exec(source.slice(at));
    if (!match) fail('expected a quoted item');
    at += match[0].length;
    return match[0];
  };

  if (source[at] !== '[') fail('expected [');
  at += 1;
  const items = [];
  skipSpace();
  while (source[at] !== ']') {
    if (at >= source.length) fail('missing ]');
    items.push(source[at] === "'" || source[at] === '"' ? readString() : readNumber());
    skipSpace();
    if (source[at] === ',') {
      at += 1;
      skipSpace();
    } else if (source[at] !== ']') {
      fail('expected , or ]');
    }
  }
  at += 1;
  skipSpace();
  if (at < source.length) fail('unexpected text after ]');
  return items;
}

// The list of a list-literal field as the API returns it ("['a', 'b']"), or [] when empty.
export function listItems(value) {
  if (Array.isArray(value)) return value.map(String);
  if (!value || !String(value).trim()) return [];
  try {
    return parseListLiteral(String(value));
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------ features

export const FEATURE_WARN_LENGTH = 50;

// The bullets of features_list in either format (06 §1b): a list string when it starts with "[",
// otherwise sentences split on ". ". {features, error} — error when the list syntax is broken
// (the API refuses it).
export function parseFeatures(text) {
  const value = String(text ?? '');
  if (value.trim().startsWith('[')) {
    try {
      return { features: parseListLiteral(value), error: '' };
    } catch (failure) {
      return { features: [], error: `Not a valid list: ${failure.message}` };
    }
  }
  const parts = value.split('. ').map((part) => part.trim());
  if (parts.length > 0) parts[parts.length - 1] = parts[parts.length - 1].replace(/\.$/, '');
  return { features: parts.filter(Boolean), error: '' };
}

export const longFeatures = (features) => features.filter((feature) => feature.length > FEATURE_WARN_LENGTH);

// ------------------------------------------------------------------ JSON vars

// Why provisioning_json_vars would be refused, or '' (empty means {}).
export function jsonVarsProblem(text) {
  if (!text.trim()) return '';
  try {
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'must be a JSON object { … }';
    return '';
  } catch (failure) {
    return `invalid JSON: ${failure.message}`;
  }
}

// ------------------------------------------------------------------ dates

// "2025-01-31 13:45:00" (UTC) ↔ the value of an <input type="datetime-local"> (shown as UTC).
export const toDateTimeInput = (value) => (value ? value.slice(0, 16).replace(' ', 'T') : '');
export const fromDateTimeInput = (value) => (value ? `${value.replace('T', ' ')}:00`.slice(0, 19) : null);

// ------------------------------------------------------------------ form values ↔ body

const text = (value) => (value === null || value === undefined ? '' : String(value));
const amount = (value) => (value === null || value === undefined ? '' : Number(value).toFixed(2));

export function productValues(product) {
  return {
    product_name: text(product?.product_name),
    product_slug: text(product?.product_slug),
    category: product?.category ?? 'standalone',
    service_type: text(product?.service_type),
    enabled: product?.enabled ?? true,
    icon: text(product?.icon),
    comment: text(product?.comment),
    retail_cost: product ? amount(product.retail_cost) : '0.00',
    wholesale_cost: product ? amount(product.wholesale_cost) : '0.00',
    retail_setup_cost: product ? amount(product.retail_setup_cost) : '0.00',
    wholesale_setup_cost: product ? amount(product.wholesale_setup_cost) : '0.00',
    tax_percentage: product ? text(product.tax_percentage) : '0',
    contract_days: text(product?.contract_days ?? 0),
    residential: product?.residential ?? true,
    business: product?.business ?? false,
    customer_can_purchase: product?.customer_can_purchase ?? false,
    available_from: toDateTimeInput(product?.available_from),
    available_until: toDateTimeInput(product?.available_until),
    auto_renew: product?.auto_renew ?? 'false',
    allow_auto_renew: product?.allow_auto_renew ?? true,
    inventory_items: product?.inventory_items ?? listItems(product?.inventory_items_list),
    relies_on: listItems(product?.relies_on_list).join(', '),
    features_list: text(product?.features_list),
    terms: text(product?.terms),
    provisioning_play: text(product?.provisioning_play),
    provisioning_json_vars: text(product?.provisioning_json_vars),
  };
}

// A new product prefilled from `product`: same settings, "-copy" slug, " (copy)" name.
export function cloneValues(product) {
  return {
    ...productValues(product),
    product_name: `${product.product_name} (copy)`,
    product_slug: `${product.product_slug}-copy`,
  };
}

const orNull = (value) => (value.trim() === '' ? null : value.trim());
// Numbers go as the typed text ("15.00"); the API reads numeric strings exactly.
const numberText = (value) => (String(value).trim() === '' ? '0' : String(value).trim());

// "mobile, 42" → ["mobile", "42"]: relies_on_list is sent as a list.
export const splitList = (value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export function productBody(values) {
  return {
    product_name: values.product_name.trim(),
    product_slug: values.product_slug.trim(),
    category: values.category,
    service_type: orNull(values.service_type),
    enabled: values.enabled,
    icon: orNull(values.icon),
    comment: orNull(values.comment),
    retail_cost: numberText(values.retail_cost),
    wholesale_cost: numberText(values.wholesale_cost),
    retail_setup_cost: numberText(values.retail_setup_cost),
    wholesale_setup_cost: numberText(values.wholesale_setup_cost),
    tax_percentage: numberText(values.tax_percentage),
    contract_days: numberText(values.contract_days),
    residential: values.residential,
    business: values.business,
    customer_can_purchase: values.customer_can_purchase,
    available_from: fromDateTimeInput(values.available_from),
    available_until: fromDateTimeInput(values.available_until),
    auto_renew: values.auto_renew,
    allow_auto_renew: values.allow_auto_renew,
    inventory_items_list: values.inventory_items,
    relies_on_list: splitList(values.relies_on),
    features_list: values.features_list.trim(),
    terms: values.terms,
    provisioning_play: values.provisioning_play.trim(),
    provisioning_json_vars: values.provisioning_json_vars.trim(),
  };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// On edit only what changed is sent: the template-name checks of inventory_items_list then run
// only when that list is changed (06 §1a).
export function changedFields(values, product) {
  const body = productBody(values);
  const before = productBody(productValues(product));
  return Object.fromEntries(Object.entries(body).filter(([field, value]) => !same(value, before[field])));
}

// Problems the form can see before sending, by API field name.
export function productProblems(values) {
  const problems = {};
  if (!values.product_name.trim()) problems.product_name = 'required';
  const slug = slugProblem(values.product_slug);
  if (slug) problems.product_slug = slug;
  for (const field of ['retail_cost', 'wholesale_cost', 'retail_setup_cost', 'wholesale_setup_cost']) {
    const number = toNumber(values[field]);
    if (Number.isNaN(number) || number < 0) problems[field] = 'a number of at least 0';
  }
  const tax = toNumber(values.tax_percentage);
  if (Number.isNaN(tax) || tax < 0 || tax > 100) problems.tax_percentage = 'between 0 and 100';
  if (!/^\d*$/.test(String(values.contract_days).trim())) problems.contract_days = 'a whole number of days, at least 0';
  if (values.available_from && values.available_until && values.available_until <= values.available_from) {
    problems.available_until = 'must be after available from';
  }
  const features = parseFeatures(values.features_list);
  if (features.error) problems.features_list = features.error;
  const play = playbookProblem(values.provisioning_play);
  if (play) problems.provisioning_play = play;
  const vars = jsonVarsProblem(values.provisioning_json_vars);
  if (vars) problems.provisioning_json_vars = vars;
  return problems;
}
