// Grouping and labels of the RBAC permission catalogue (spec 07 "Permissions") for the
// permission matrix and the API-key checklist.
const MODULE_ORDER = [
  'Global',
  'Customers',
  'Billing',
  'Communications',
  'Inventory',
  'Products',
  'Cell broadcast',
  'Provisioning',
  'Other',
];

const MODULE_BY_RESOURCE = [
  [/customer_(stripe_card|transaction|invoice)$/, 'Billing'],
  [/customer/, 'Customers'],
  [/communication$/, 'Communications'],
  [/inventory/, 'Inventory'],
  [/product$/, 'Products'],
  [/cbc_message$/, 'Cell broadcast'],
  [/provision/, 'Provisioning'],
];

function permissionModule(permission) {
  if (permission.module) return permission.module;
  if (['admin', 'can_impersonate'].includes(permission.name)) return 'Global';
  const match = MODULE_BY_RESOURCE.find(([pattern]) => pattern.test(permission.name));
  return match ? match[1] : 'Other';
}

// [[module, [permission, ...]], ...] in catalogue order.
export function groupPermissions(permissions) {
  const groups = new Map();
  permissions.forEach((permission) => {
    const module = permissionModule(permission);
    groups.set(module, [...(groups.get(module) ?? []), permission]);
  });
  const rank = (module) => (MODULE_ORDER.includes(module) ? MODULE_ORDER.indexOf(module) : MODULE_ORDER.length);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b));
}

// "view_own_customer_invoice" → "View own customer invoice".
export function permissionLabel(name) {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isAdminRole(role) {
  return role.name.toLowerCase() === 'admin';
}

export function isProtectedRole(role) {
  return ['admin', 'customer'].includes(role.name.toLowerCase());
}
