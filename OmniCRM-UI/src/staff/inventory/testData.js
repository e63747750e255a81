// Inventory templates and items as the API returns them, for the inventory tests.
const noLabels = Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`itemtext${n + 1}_label`, null]));
const noTexts = Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`itemtext${n + 1}`, null]));

export const template = (fields = {}) => ({
  inventory_template_id: 1,
  item: 'SIM Card',
  icon: null,
  wholesale_cost: 2.5,
  retail_cost: 10,
  ...noLabels,
  itemtext1_label: 'ICCID',
  itemtext2_label: 'IMSI',
  allow_staff_dropdown: true,
  allow_customer_dropdown: false,
  created: '2025-03-01 10:00:00',
  last_modified: '2025-03-01 10:00:00',
  ...fields,
});

export const item = (fields = {}) => ({
  inventory_id: 5001,
  inventory_template_id: 1,
  item: 'SIM Card',
  customer_id: null,
  service_id: null,
  item_state: 'New',
  ...noTexts,
  itemtext1: '8944100000000000001',
  itemtext2: '234150000000001',
  item_location: 'Warehouse A',
  address_line_1: null,
  address_line_2: null,
  city: null,
  state: null,
  zip_code: null,
  country: null,
  google_maps_place_id: null,
  plus_code: null,
  latitude: null,
  longitude: null,
  management_url: null,
  management_username: null,
  management_password: null,
  management_password_set: false,
  config_content: null,
  config_file_path: null,
  inventory_notes: null,
  wholesale_cost: 2.5,
  retail_cost: 10,
  sold_date: null,
  created: '2025-03-01 10:00:00',
  last_modified: '2025-03-01 10:00:00',
  ...fields,
});

// The labels an item carries on GET by id: {itemtext1: "ICCID", …}.
export const itemLabels = (labels = { itemtext1: 'ICCID', itemtext2: 'IMSI' }) => ({
  ...Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`itemtext${n + 1}`, null])),
  ...labels,
});
