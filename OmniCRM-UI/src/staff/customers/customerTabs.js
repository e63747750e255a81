// The customer page opens the tab named by the URL hash, e.g. /customers/12#4 (Contacts).
// Spec 05 fixes #2 Sites, #3 Services, #4 Contacts and #8 Inventory (global-search links);
// #8 is kept for the Inventory tab, which does not exist yet.
export const TAB_HASHES = {
  overview: 1,
  sites: 2,
  services: 3,
  contacts: 4,
  tags: 5,
  attributes: 6,
  notes: 7,
  inventory: 8,
  activity: 9,
  emails: 10,
};

export const customerPath = (customerId, tab) =>
  tab && tab !== 'overview' ? `/customers/${customerId}#${TAB_HASHES[tab]}` : `/customers/${customerId}`;
