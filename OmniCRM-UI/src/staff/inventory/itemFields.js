// Inventory items (spec 02 §2.6): form values ↔ API body.
import { FIELD_NUMBERS, labelKey } from './templateFields';

export const TEXT_FIELDS = FIELD_NUMBERS.map((number) => `itemtext${number}`);
export const ADDRESS_FIELDS = [
  ['address_line_1', 'Address line 1'],
  ['address_line_2', 'Address line 2'],
  ['city', 'City'],
  ['state', 'State / region'],
  ['zip_code', 'ZIP / postal code'],
  ['country', 'Country'],
  ['plus_code', 'Plus code'],
  ['google_maps_place_id', 'Google Maps place ID'],
];
const PLAIN = [
  ...TEXT_FIELDS,
  'item_location',
  ...ADDRESS_FIELDS.map(([field]) => field),
  'management_url',
  'management_username',
  'config_content',
  'config_file_path',
  'inventory_notes',
];

const text = (value) => (value === null || value === undefined ? '' : String(value));
const money = (value) => (value === null || value === undefined ? '' : Number(value).toFixed(2));

// `template` gives the default costs of a new item.
export function itemValues(item, template) {
  return {
    inventory_template_id: text(item?.inventory_template_id ?? template?.inventory_template_id),
    ...Object.fromEntries(PLAIN.map((field) => [field, text(item?.[field])])),
    item_state: item?.item_state ?? 'New',
    wholesale_cost: money(item ? item.wholesale_cost : template?.wholesale_cost),
    retail_cost: money(item ? item.retail_cost : template?.retail_cost),
    latitude: text(item?.latitude),
    longitude: text(item?.longitude),
    management_password: '',
    clear_password: false,
  };
}

const orNull = (value) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value) => (String(value).trim() === '' ? null : Number(value));

// The body of a new item, or of every editable field of an existing one. The management password
// goes only when typed (or cleared on purpose): the form never holds the stored one.
export function itemBody(values) {
  const body = {
    ...Object.fromEntries(PLAIN.map((field) => [field, orNull(values[field])])),
    item_state: values.item_state,
    latitude: numberOrNull(values.latitude),
    longitude: numberOrNull(values.longitude),
  };
  if (values.wholesale_cost.trim() !== '') body.wholesale_cost = values.wholesale_cost.trim();
  if (values.retail_cost.trim() !== '') body.retail_cost = values.retail_cost.trim();
  if (values.clear_password) body.management_password = null;
  else if (values.management_password) body.management_password = values.management_password;
  return body;
}

export function newItemBody(values) {
  return { inventory_template_id: Number(values.inventory_template_id), ...itemBody(values) };
}

// On edit only what changed goes (an unchanged state is not re-sent, nor a password not typed).
export function changedItemFields(values, item) {
  const body = itemBody(values);
  const before = itemBody(itemValues(item));
  return Object.fromEntries(Object.entries(body).filter(([field, value]) => value !== before[field]));
}

// Which itemtext fields the form shows: the labelled ones, those holding a value, and `extra` more.
export function shownTextFields(labels, values, extra = 0) {
  const used = FIELD_NUMBERS.filter(
    (number) => labels?.[labelKey(number)] || labels?.[`itemtext${number}`] || values[`itemtext${number}`],
  );
  const last = Math.max(1, ...used);
  return FIELD_NUMBERS.slice(0, Math.min(FIELD_NUMBERS.length, last + extra));
}

// Management URLs are links only when they are web addresses; LPA strings and the like are text.
export const isWebUrl = (value) => /^https?:\/\/\S+$/i.test(String(value ?? '').trim());

export function itemProblems(values) {
  const problems = {};
  if (!values.inventory_template_id) problems.inventory_template_id = 'choose a template';
  if (!values.itemtext1.trim()) problems.itemtext1 = 'required';
  for (const field of ['wholesale_cost', 'retail_cost']) {
    const value = values[field].trim();
    if (value !== '' && (!Number.isFinite(Number(value)) || Number(value) < 0))
      problems[field] = 'a number of at least 0';
  }
  [
    ['latitude', 90],
    ['longitude', 180],
  ].forEach(([field, limit]) => {
    const value = values[field].trim();
    if (value !== '' && !(Math.abs(Number(value)) <= limit)) problems[field] = `a number from -${limit} to ${limit}`;
  });
  return problems;
}
