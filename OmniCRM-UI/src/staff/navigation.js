// Sidebar sections of the staff portal (spec 02 §7.1). An item is shown only to users holding
// its `permission`; a section without visible items is hidden.
export const staffNavigation = [
  { label: 'Dashboard', to: '/', end: true },
  {
    label: 'Customers',
    items: [
      { label: 'List', to: '/customers', end: true, permission: 'view_customer' },
      { label: 'Create Customer', to: '/customers/new', permission: 'create_customer' },
    ],
  },
  {
    label: 'Services',
    items: [
      { label: 'Services', to: '/services', end: true, permission: 'view_customer_service' },
      { label: 'Auto-renewals', to: '/services/auto-renewals', permission: 'view_customer_service' },
      { label: 'Assign Plan', to: '/services/assign', permission: 'create_provision' },
    ],
  },
  { label: 'Products & Services', to: '/products', permission: 'view_product' },
  { label: 'Provisioning', to: '/provisioning', permission: 'view_provision' },
  {
    label: 'Inventory',
    items: [
      { label: 'Items', to: '/inventory', end: true, permission: 'view_inventory' },
      { label: 'Templates', to: '/inventory/templates', permission: 'view_inventory_template' },
    ],
  },
  {
    label: 'Billing',
    items: [
      { label: 'Transactions', to: '/billing/transactions', permission: 'view_customer_transaction' },
      { label: 'Invoices', to: '/billing/invoices', permission: 'view_customer_invoice' },
    ],
  },
  { label: 'Cell Broadcast', to: '/create-cell-broadcast', permission: 'view_cbc_message' },
  {
    label: 'Administration',
    items: [
      { label: 'Users & Roles', to: '/admin/users', permission: 'admin' },
      { label: 'API Keys', to: '/admin/api-keys', permission: 'admin' },
      { label: 'E-mail Templates', to: '/admin/email-templates', permission: 'admin' },
    ],
  },
];
