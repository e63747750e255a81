import { inventoryTemplates } from '../../provisioning/provisionRequest';

// The catalogue's customer-type toggle: [label, the product flag it filters on].
export const AUDIENCES = [
  ['Individual', 'residential'],
  ['Business', 'business'],
];

// The catalogue's categories: service plans (standalone, bundles, promotions) and add-ons.
export const KINDS = [
  ['Service Plans', 'plan'],
  ['Add-ons', 'addon'],
];

export const audienceOf = (customer) => (customer?.customer_account_type === 'Business' ? 'business' : 'residential');

// The enabled products of the catalogue sold to `audience` in `kind`.
export function catalogueProducts(products, { audience, kind }) {
  return products.filter(
    (product) =>
      product.enabled !== false && product[audience] && (product.category === 'addon') === (kind === 'addon'),
  );
}

// Auto-renew as the product fixes it (true / false), or null when the customer is asked.
export function presetAutoRenew(product) {
  if (product.auto_renew === 'prompt') return null;
  return product.auto_renew === 'true';
}

// The wizard's steps for a product (spec 04 §18): the customer step unless the customer is given,
// inventory when the product needs some, the auto-renew question when the product asks it, the
// business details for a business customer's new service.
export function wizardSteps({ product, customerGiven, business = false }) {
  return [
    ['product', 'Product'],
    !customerGiven && ['customer', 'Customer'],
    inventoryTemplates(product).length > 0 && ['inventory', 'Inventory'],
    product && presetAutoRenew(product) === null && ['auto_renew', 'Auto-renew'],
    business && ['business', 'Business details'],
    ['review', 'Review'],
    ['progress', 'Provisioning'],
  ].filter(Boolean);
}

const DAY_MS = 24 * 60 * 60 * 1000;

// The first renewal: `contract_days` after today; null for a one-off product.
export function renewalDate(product, today = new Date()) {
  const days = Number(product.contract_days) || 0;
  return days > 0 ? new Date(today.getTime() + days * DAY_MS) : null;
}

// The business details (spec 04 §18.5) of the provisioning request: `site_id`, and the contacts and
// PO number in `custom_fields`; only what was given (ids as text, '' for none).
export function businessRequest({ site_id: siteId, billing_contact_id: billing, technical_contact_id: technical, po_number: po }) {
  const customFields = {};
  if (billing) customFields.billing_contact_id = Number(billing);
  if (technical) customFields.technical_contact_id = Number(technical);
  if (po?.trim()) customFields.po_number = po.trim();
  return {
    ...(siteId ? { site_id: Number(siteId) } : {}),
    ...(Object.keys(customFields).length > 0 ? { custom_fields: customFields } : {}),
  };
}
