// Sidebar sections of the staff portal (spec 02 §7.1).
export const staffNavigation = [
  { label: 'Dashboard', to: '/', end: true },
  {
    label: 'Customers',
    items: [
      { label: 'List', to: '/customers', end: true },
      { label: 'Create Customer', to: '/customers/new' },
    ],
  },
  { label: 'Products & Services', to: '/products' },
  { label: 'Provisioning', to: '/provisioning' },
  {
    label: 'Inventory',
    items: [
      { label: 'Items', to: '/inventory', end: true },
      { label: 'Templates', to: '/inventory/templates' },
    ],
  },
  {
    label: 'Billing',
    items: [
      { label: 'Transactions', to: '/billing/transactions' },
      { label: 'Invoices', to: '/billing/invoices' },
    ],
  },
  { label: 'Cell Broadcast', to: '/create-cell-broadcast' },
  {
    label: 'Administration',
    items: [
      { label: 'Users & Roles', to: '/admin/users' },
      { label: 'API Keys', to: '/admin/api-keys' },
    ],
  },
];
