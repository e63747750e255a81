// The body of PUT /crm/provision/ from the "Provision a product" dialog (spec 04 §2): the product,
// the customer, one key per inventory template named exactly like the template with the chosen
// item's integer id, and any extra playbook variables.

// Keys the API reads itself or sets for the playbook: not allowed as extra variables here.
export const RESERVED_KEYS = [
  'product_id',
  'customer_id',
  'service_id',
  'provisioning_play',
  'action',
  'auto_renew',
  'initiating_user',
  'access_token',
  'refresh_token',
  'provision_id',
  'crm_config',
  'retry_of_provision_id',
];

// The API refuses new services for these customers (409).
const CLOSED_STATUSES = ['Archived', 'Closed', 'Suspended'];

export const mayProvisionFor = (customer) => !CLOSED_STATUSES.includes(customer?.customer_status);

export const variableKeyError = (index) => `variables.${index}`;

// The inventory template names a product needs (`inventory_items`, or its list literal).
export function inventoryTemplates(product) {
  if (!product) return [];
  if (Array.isArray(product.inventory_items)) return product.inventory_items;
  return [];
}

// Setup cost plus the first period, as charged on the day of purchase.
export function dueToday(product) {
  return (Number(product?.retail_setup_cost) || 0) + (Number(product?.retail_cost) || 0);
}

// {body, problems}: problems maps a field (product_id, customer_id, a template name,
// variables.N) to what is wrong; the body is sent only when there are none.
export function provisionRequest({ customerId, product, inventory = {}, variables = [] }) {
  const problems = {};
  const body = {};
  if (product) body.product_id = Number(product.product_id);
  else problems.product_id = 'Choose a product';
  if (customerId) body.customer_id = Number(customerId);
  else problems.customer_id = 'Choose a customer';

  const templates = inventoryTemplates(product);
  templates.forEach((name) => {
    const chosen = inventory[name];
    if (chosen === undefined || chosen === null || chosen === '') {
      problems[name] = `Choose a ${name}`;
    } else {
      body[name] = Number.parseInt(chosen, 10);
    }
  });

  const seen = new Set();
  variables.forEach(({ key, value }, index) => {
    const name = key.trim();
    if (!name && !value) return;
    const field = variableKeyError(index);
    if (!name) problems[field] = 'Name the variable';
    else if (RESERVED_KEYS.includes(name)) problems[field] = `${name} is set by the system`;
    else if (templates.includes(name)) problems[field] = `${name} is the inventory selection above`;
    else if (seen.has(name)) problems[field] = `${name} is given twice`;
    else {
      seen.add(name);
      body[name] = value;
    }
  });
  return { body, problems };
}
