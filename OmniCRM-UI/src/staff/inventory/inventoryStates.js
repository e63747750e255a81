// Inventory item states (spec 02 §2.6.1) and the transitions the API allows (§4.1.2). The API
// enforces the same map; the UI offers only what it would accept.
export const ITEM_STATES = [
  'New',
  'In Transit',
  'In Stock',
  'Assigned',
  'Used',
  'Internal Use',
  'Damaged',
  'Out of Service',
  'Lost',
  'Stolen',
  'Decommissioned',
];

export const TRANSITIONS = {
  New: [
    'Assigned',
    'In Stock',
    'Internal Use',
    'Used',
    'Out of Service',
    'Damaged',
    'Lost',
    'Stolen',
    'Decommissioned',
  ],
  'In Transit': ['In Stock', 'New', 'Damaged', 'Lost', 'Stolen'],
  'In Stock': [
    'Assigned',
    'In Transit',
    'Internal Use',
    'Out of Service',
    'Damaged',
    'Lost',
    'Stolen',
    'Decommissioned',
  ],
  Assigned: ['Used', 'Damaged', 'Out of Service', 'Lost', 'Stolen', 'Decommissioned'],
  Used: ['New', 'In Stock', 'Damaged', 'Lost', 'Stolen', 'Decommissioned', 'Internal Use'],
  'Internal Use': ['Used', 'In Stock', 'Damaged', 'Out of Service', 'Lost', 'Stolen', 'Decommissioned'],
  Damaged: ['New', 'Used', 'Decommissioned', 'Lost', 'Stolen'],
  'Out of Service': ['New', 'In Stock', 'Used', 'Damaged', 'Lost', 'Stolen', 'Decommissioned'],
  Lost: ['In Stock', 'Used', 'Stolen', 'Decommissioned'],
  Stolen: ['In Stock', 'Lost', 'Decommissioned'],
  Decommissioned: [],
};

const inStateOrder = (states) => ITEM_STATES.filter((state) => states.includes(state));

// The states an item in `current` may be set to: itself (a no-op) and its allowed transitions,
// in the order of ITEM_STATES.
export function allowedStates(current) {
  if (!TRANSITIONS[current]) return [...ITEM_STATES];
  return inStateOrder([current, ...TRANSITIONS[current]]);
}

// The states every one of `currents` may move to (the bulk "Set state" choices); a state that is a
// no-op for some items and a move for others counts as allowed. Assigned is never offered: a bulk
// change sets no customer or service.
export function commonAllowedStates(currents) {
  if (currents.length === 0) return [];
  return ITEM_STATES.filter(
    (state) => state !== 'Assigned' && currents.every((current) => allowedStates(current).includes(state)),
  );
}

// A new item may start in any state but Assigned, which needs a customer or service.
export const CREATE_STATES = ITEM_STATES.filter((state) => state !== 'Assigned');

// Badge colour of a state: available stock green, in use blue, trouble red, retired grey.
const KINDS = {
  New: 'success',
  'In Stock': 'success',
  'In Transit': 'info',
  Assigned: 'info',
  Used: 'neutral',
  'Internal Use': 'neutral',
  Damaged: 'danger',
  'Out of Service': 'warning',
  Lost: 'danger',
  Stolen: 'danger',
  Decommissioned: 'neutral',
};

export const stateKind = (state) => KINDS[state] ?? 'neutral';
