// Provisioning jobs and events as the API returns them, for the provisioning tests.
export const job = (fields = {}) => ({
  provision_id: 41,
  customer_id: 12,
  customer_name: 'Acme Ltd',
  product_id: 3,
  product_name: 'Mobile Prepaid 20GB',
  service_id: null,
  provisioning_status: 1,
  provisioning_play: 'mobile_activate',
  playbook_description: 'Mobile activation',
  task_count: 4,
  completed_count: 1,
  initiating_user: 7,
  initiating_user_name: 'Ada Admin',
  auth_method: 'jwt',
  retry_of_provision_id: null,
  error_summary: null,
  created: '2025-03-04 09:15:00',
  started: '2025-03-04 09:15:01',
  finished: null,
  provisioning_json_vars: '{"product_id": 3, "customer_id": 12, "api_password": "***REDACTED***"}',
  ...fields,
});

export const event = (fields = {}) => ({
  provision_event_id: 100 + (fields.event_number ?? 1),
  event_number: 1,
  event_name: 'Create account',
  provisioning_status: 0,
  provisioning_result_json: '{"msg": "ok"}',
  timestamp: '2025-03-04 09:15:02',
  finished: '2025-03-04 09:15:04',
  ...fields,
});

export const PLANNED = ['Create account', 'Assign SIM', 'Add balance', 'Send welcome SMS'];

export const jobDetail = (fields = {}, events = [event()]) => ({
  ...job(fields),
  planned_tasks: PLANNED,
  provisioning_result_json: events,
});
