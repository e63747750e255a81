// Service statuses (spec 04 §15) and how they look.
export const EDITABLE_STATUSES = ['Active', 'Suspended', 'Inactive'];

export const SUSPENSION_REASONS = [
  ['violation', 'Violation'],
  ['non_payment', 'Non-payment'],
  ['other', 'Other'],
];

// Badge kind of a status: Active green, Suspended orange, Pending Cancellation yellow, the rest
// (Inactive, Deactivated, Unknown) grey.
const KINDS = { Active: 'success', Suspended: 'warning', 'Pending Cancellation': 'caution' };

export const statusKind = (status) => KINDS[status] ?? 'neutral';

// The list's status tabs: [label, the `service_status` filter, or null for every status].
export const STATUS_TABS = [
  ['All Results', null],
  ['Active', 'Active'],
  ['Inactive', 'Inactive'],
  ['Suspended', 'Suspended'],
];

// The `filters` query of the service list: {} for every status (the API's default is Active), the
// chosen types and the chosen customer (its id as text, '' for every customer).
export function listFilters(status, serviceTypes, customerId = '') {
  const filters = {};
  if (status) filters.service_status = [status];
  if (serviceTypes.length > 0) filters.service_type = serviceTypes;
  if (customerId) filters.customer_id = [Number(customerId)];
  return JSON.stringify(filters);
}

// The list's sort presets: [value, label, the {sort, order} of the query].
export const SORT_PRESETS = [
  ['newest', 'Newest first', { sort: 'service_id', order: 'desc' }],
  ['oldest', 'Oldest first', { sort: 'service_id', order: 'asc' }],
  ['name', 'Name A–Z', { sort: 'service_name', order: 'asc' }],
  ['ending', 'Ending soonest', { sort: 'service_deactivate_date', order: 'asc' }],
  ['cost', 'Highest cost', { sort: 'retail_cost', order: 'desc' }],
];

// The preset of a {sort, order}, or '' when a column header chose another.
export const sortPresetOf = ({ sort, order }) =>
  SORT_PRESETS.find(([, , preset]) => preset.sort === sort && preset.order === order)?.[0] ?? '';
