import { customerPath } from '../customers/customerTabs';

// Result groups, in the API's order (spec 05 B5).
export const HIT_GROUPS = [
  ['customer', 'Customers'],
  ['contact', 'Contacts'],
  ['site', 'Sites'],
  ['inventory', 'Inventory'],
  ['service', 'Services'],
];

// Where a hit leads (spec 05 "Global Search" UI): {to, state}, or null for an unknown type.
// Contacts and sites carry their id so the tab highlights their row; a service opens its own page.
export function hitTarget(hit) {
  switch (hit.type) {
    case 'customer':
      return { to: customerPath(hit.customer_id) };
    case 'contact':
      return { to: customerPath(hit.customer_id, 'contacts'), state: { contactId: hit.id } };
    case 'site':
      return { to: customerPath(hit.customer_id, 'sites'), state: { siteId: hit.id } };
    case 'service':
      return { to: `/services/${hit.id}` };
    case 'inventory':
      return { to: hit.customer_id ? customerPath(hit.customer_id, 'inventory') : '/inventory' };
    default:
      return null;
  }
}

// "Showing results 11–20 of 47".
export function resultsSummary({ current_page: page, per_page: perPage, total_items: total }, shownCount) {
  if (shownCount === 0) return `Page ${page} is past the last of the ${total} results`;
  const first = (page - 1) * perPage + 1;
  return `Showing results ${first}–${first + shownCount - 1} of ${total}`;
}

// At most `size` page numbers around the current page.
export function pageWindow(page, pages, size = 7) {
  const first = Math.max(1, Math.min(page - Math.floor(size / 2), pages - size + 1));
  const last = Math.min(pages, first + size - 1);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
