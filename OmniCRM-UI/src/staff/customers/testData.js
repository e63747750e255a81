// Records as the API returns them, for the customer tests.
export const customer = (fields = {}) => ({
  customer_id: 12,
  customer_name: 'Acme Ltd',
  customer_account_type: 'Business',
  customer_status: 'Open',
  customer_payment_type: 'postpaid',
  customer_enabled: true,
  tax_identifier: null,
  contract_start_date: null,
  contract_end_date: null,
  created: '2025-03-01 10:00:00',
  last_modified: '2025-03-01 10:00:00',
  ...fields,
});

export const customerDetail = (fields = {}) => ({
  ...customer(fields),
  contacts: [],
  sites: [],
  tags: [],
  ...fields,
});

export const page = (data, { current_page: currentPage = 1, per_page: perPage = 20, total_items: total } = {}) => ({
  data,
  pagination: {
    current_page: currentPage,
    per_page: perPage,
    total_pages: Math.ceil((total ?? data.length) / perPage),
    total_items: total ?? data.length,
  },
});
