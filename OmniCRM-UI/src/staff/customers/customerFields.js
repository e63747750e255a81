import { config } from '../../shared/config';
import { encodePlusCode, parseLocation } from './plusCode';

// Choices and form ↔ API conversions of customers, contacts and sites (spec 02 §2.1-2.3).
export const ACCOUNT_TYPES = [
  ['Individual', 'Individual'],
  ['Business', 'Business'],
];
export const PAYMENT_TYPES = [
  ['postpaid', 'Postpaid'],
  ['prepaid', 'Prepaid'],
];
export const CUSTOMER_STATUSES = ['Open', 'Suspended', 'Closed', 'Archived'];
export const CONTACT_TYPES = ['Primary', 'Billing', 'Technical'];

// Status changes staff may make by hand (spec 02 §4.2); Archived comes and goes by archive/restore.
export const STATUS_CHANGES = {
  Open: ['Suspended', 'Closed'],
  Suspended: ['Open', 'Closed'],
  Closed: ['Open'],
  Archived: [],
};

export const fullName = (contact) =>
  [contact.contact_firstname, contact.contact_lastname].filter(Boolean).join(' ');
export const address = (site) =>
  [site.address_line_1, site.address_line_2, site.city, site.state, site.zip_code].filter(Boolean).join(', ');

const labelOf = (choices, value) => choices.find(([key]) => key === value)?.[1] ?? value;
export const paymentTypeLabel = (value) => labelOf(PAYMENT_TYPES, value);

// The API names the fields of the nested contact and site "contact.contact_email",
// "site.latitude": these are the errors of one part, keyed by field.
export function partErrors(errors, part) {
  const prefix = `${part}.`;
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([field]) => field.startsWith(prefix))
      .map(([field, reason]) => [field.slice(prefix.length), reason]),
  );
}

const textOrNull = (text) => text.trim() || null;
const numberOrNull = (text) => (String(text).trim() === '' ? null : Number(text));
const hasText = (values, fields) => fields.some((field) => String(values[field]).trim() !== '');

// "2025-01-31 00:00:00" ↔ the value of an <input type="date">.
const toDateInput = (value) => (value ? value.slice(0, 10) : '');
const fromDateInput = (value) => (value ? `${value} 00:00:00` : null);

export function customerValues(customer) {
  return {
    customer_name: customer?.customer_name ?? '',
    customer_account_type: customer?.customer_account_type ?? 'Individual',
    customer_payment_type: customer?.customer_payment_type ?? 'postpaid',
    tax_identifier: customer?.tax_identifier ?? '',
    contract_start_date: toDateInput(customer?.contract_start_date),
    contract_end_date: toDateInput(customer?.contract_end_date),
  };
}

export function customerBody(values) {
  return {
    customer_name: values.customer_name.trim(),
    customer_account_type: values.customer_account_type,
    customer_payment_type: values.customer_payment_type,
    tax_identifier: textOrNull(values.tax_identifier),
    contract_start_date: fromDateInput(values.contract_start_date),
    contract_end_date: fromDateInput(values.contract_end_date),
  };
}

const CONTACT_TEXT = ['contact_firstname', 'contact_lastname', 'contact_email', 'contact_phone'];

export function contactValues(contact) {
  return {
    ...Object.fromEntries(CONTACT_TEXT.map((field) => [field, contact?.[field] ?? ''])),
    contact_types: contact ? contact.contact_types.split(',') : ['Primary'],
  };
}

export function contactBody(values) {
  return {
    contact_firstname: values.contact_firstname.trim(),
    contact_lastname: textOrNull(values.contact_lastname),
    contact_email: textOrNull(values.contact_email),
    contact_phone: textOrNull(values.contact_phone),
    // In canonical order; none ticked leaves the API's default (Primary) or the current types.
    contact_types: CONTACT_TYPES.filter((type) => values.contact_types.includes(type)).join(',') || undefined,
  };
}

export const contactEntered = (values) => hasText(values, CONTACT_TEXT);

const SITE_TEXT = [
  'site_name',
  'address_line_1',
  'address_line_2',
  'city',
  'state',
  'zip_code',
  'country',
  'address_note',
];

export function siteValues(site) {
  return {
    ...Object.fromEntries(SITE_TEXT.map((field) => [field, site?.[field] ?? ''])),
    country: site ? (site.country ?? '') : config.defaultCountry,
    latitude: site ? String(site.latitude) : '',
    longitude: site ? String(site.longitude) : '',
  };
}

// The plus code is the one the form showed, computed here from the coordinates.
export function siteBody(values) {
  const location = parseLocation(values.latitude, values.longitude);
  return {
    ...Object.fromEntries(SITE_TEXT.map((field) => [field, textOrNull(values[field])])),
    latitude: numberOrNull(values.latitude),
    longitude: numberOrNull(values.longitude),
    plus_code: location ? encodePlusCode(location.latitude, location.longitude) : null,
  };
}

// Whether the create form's site section was filled in (the pre-filled country alone is not).
export const siteEntered = (values) =>
  hasText(values, [...SITE_TEXT.filter((field) => field !== 'country'), 'latitude', 'longitude']);
