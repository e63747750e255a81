import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, restoreApi } from '../../test/mockApi';
import ApiKeysPage from './ApiKeysPage';

afterEach(restoreApi);

const key = (fields) => ({
  api_key_id: 1,
  name: 'Billing Sync',
  description: 'QuickBooks',
  api_key_masked: 'sk_live_...s9t0',
  status: 'active',
  expiring_soon: false,
  permissions: ['view_customer'],
  created: '2026-01-10T10:00:00Z',
  created_by: 'ada@example.com',
  expiry_date: null,
  last_used: null,
  last_modified: '2026-01-10T10:00:00Z',
  ...fields,
});

const KEYS = [
  key({}),
  key({ api_key_id: 2, name: 'Grafana', expiring_soon: true, expiry_date: '2026-02-01T23:59:59Z' }),
  key({ api_key_id: 3, name: 'Old sync', status: 'expired', expiry_date: '2025-12-31T23:59:59Z' }),
];
const LIST = { data: KEYS, summary: { total: 3, active: 2, expiring_soon: 1, expired: 1 } };
const CATALOGUE = [
  { id: 1, name: 'admin', module: 'Global' },
  { id: 2, name: 'can_impersonate', module: 'Global' },
  { id: 3, name: 'view_customer', module: 'Customers' },
  { id: 4, name: 'create_customer', module: 'Customers' },
  { id: 5, name: 'view_customer_invoice', module: 'Billing' },
  { id: 6, name: 'view_inventory', module: 'Inventory' },
];

function renderPage(routes = {}) {
  const requests = mockApi({
    'GET /crm/api-keys': [200, LIST],
    'GET /auth/permissions': [200, CATALOGUE],
    ...routes,
  });
  render(<ApiKeysPage />);
  return requests;
}

const rowOf = async (name) => (await screen.findByRole('button', { name })).closest('tr');

describe('ApiKeysPage', () => {
  it('shows the summary widgets and one row per key with masked key, badge and expiry', async () => {
    renderPage();
    expect(await screen.findByTestId('summary-total')).toHaveTextContent('3');
    expect(screen.getByTestId('summary-active')).toHaveTextContent('2');
    expect(screen.getByTestId('summary-expiring_soon')).toHaveTextContent('1');
    expect(screen.getByTestId('summary-expired')).toHaveTextContent('1');

    const billing = within(await rowOf('Billing Sync'));
    expect(billing.getByText('sk_live_...s9t0')).toBeInTheDocument();
    expect(billing.getByText('Active')).toHaveClass('badge--success');
    expect(billing.getByText('Never')).toBeInTheDocument();
    expect(within(await rowOf('Grafana')).getByText('Expiring Soon')).toHaveClass('badge--warning');
    expect(within(await rowOf('Old sync')).getByText('Expired')).toHaveClass('badge--danger');
  });

  it('asks the API again when the status filter or a sortable header changes', async () => {
    const user = userEvent.setup();
    const requests = renderPage();
    await screen.findByText('Billing Sync');
    expect(requests[0].params).toMatchObject({ status: 'all', sort: 'created', order: 'desc' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'expiring_soon');
    await user.click(screen.getByRole('button', { name: /^Expires/ }));
    await user.click(screen.getByRole('button', { name: /^Expires/ }));
    await waitFor(() =>
      expect(requests.at(-1).params).toMatchObject({ status: 'expiring_soon', sort: 'expiry_date', order: 'asc' }),
    );
    expect(screen.getByRole('columnheader', { name: /^Expires/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('ticks and locks every permission with "Admin (all permissions)" and generates the key', async () => {
    const user = userEvent.setup();
    const requests = renderPage({
      'POST /crm/api-keys': [201, { ...key({ api_key_id: 9, name: 'Ansible' }), api_key: 'sk_live_abc123' }],
    });
    await user.click(await screen.findByRole('button', { name: '+ Add' }));
    const form = within(await screen.findByTestId('api-key-form'));
    const permissionBoxes = () =>
      form.getAllByRole('checkbox').filter((box) => box.closest('label').textContent !== 'Admin (all permissions)');
    expect(form.getAllByRole('checkbox').every((box) => !box.checked)).toBe(true);
    expect(permissionBoxes().map((box) => box.closest('label').textContent)).toEqual([
      'View Customers',
      'Create Customers',
      'View Inventory',
      'Can impersonate',
      'View customer invoice',
    ]);

    await user.click(form.getByLabelText('View Customers'));
    await user.click(form.getByLabelText('Admin (all permissions)'));
    expect(permissionBoxes().every((box) => box.checked && box.disabled)).toBe(true);
    await user.click(form.getByLabelText('Admin (all permissions)'));
    expect(form.getByLabelText('View Customers')).toBeChecked();
    expect(form.getByLabelText('Create Customers')).not.toBeChecked();
    expect(form.getByLabelText('Create Customers')).toBeEnabled();

    await user.click(form.getByLabelText('Admin (all permissions)'));
    await user.type(form.getByLabelText('Name'), 'Ansible');
    await user.click(form.getByRole('button', { name: 'Generate Key' }));

    const reveal = within(await screen.findByRole('dialog', { name: 'API key: Ansible' }));
    expect(reveal.getByText('Copy this key now – it will not be shown again!')).toBeInTheDocument();
    expect(reveal.getByLabelText('API key')).toHaveValue('sk_live_abc123');
    const create = requests.find((request) => request.key === 'POST /crm/api-keys');
    expect(create.body).toEqual({ name: 'Ansible', description: null, expiry_date: null, permissions: ['admin'] });

    await user.click(reveal.getByRole('button', { name: 'Close' }));
    expect(screen.queryByDisplayValue('sk_live_abc123')).not.toBeInTheDocument();
  });

  it('refuses a key without any permission', async () => {
    const user = userEvent.setup();
    const requests = renderPage();
    await user.click(await screen.findByRole('button', { name: '+ Add' }));
    const form = within(await screen.findByTestId('api-key-form'));
    await user.type(form.getByLabelText('Name'), 'Nothing');
    await user.click(form.getByRole('button', { name: 'Generate Key' }));
    expect(form.getByRole('alert')).toHaveTextContent('Choose at least one permission');
    expect(requests.some((request) => request.key === 'POST /crm/api-keys')).toBe(false);
  });

  it('edits a key by sending only what changed', async () => {
    const user = userEvent.setup();
    const requests = renderPage({ 'PATCH /crm/api-keys/3': [200, key({ api_key_id: 3, name: 'Old sync' })] });
    await user.click(await screen.findByRole('button', { name: 'Actions for Old sync' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const form = within(await screen.findByTestId('api-key-form'));
    expect(form.getByText('sk_live_...s9t0')).toBeInTheDocument();
    expect(form.getByLabelText('Expiry Date')).toHaveValue('2025-12-31');
    await user.clear(form.getByLabelText('Expiry Date'));
    await user.click(form.getByLabelText('Create Customers'));
    await user.click(form.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText('The key Old sync has been saved.');
    expect(requests.find((request) => request.key === 'PATCH /crm/api-keys/3').body).toEqual({
      expiry_date: null,
      permissions: ['view_customer', 'create_customer'],
    });
  });

  it('regenerates after a confirmation and shows the new key once', async () => {
    const user = userEvent.setup();
    const requests = renderPage({
      'POST /crm/api-keys/1/regenerate': [200, { ...key({}), api_key: 'sk_live_new0' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Actions for Billing Sync' }));
    await user.click(screen.getByRole('menuitem', { name: 'Regenerate Key' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Regenerate API key' }));
    expect(confirm.getByText(/stop working immediately/)).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Regenerate Key' }));
    expect(await screen.findByDisplayValue('sk_live_new0')).toBeInTheDocument();
    expect(requests.filter((request) => request.key === 'GET /crm/api-keys')).toHaveLength(2);
  });

  it('deletes after a confirmation that says it cannot be undone', async () => {
    const user = userEvent.setup();
    const requests = renderPage({ 'DELETE /crm/api-keys/2': [200, { result: 'success' }] });
    await user.click(await screen.findByRole('button', { name: 'Actions for Grafana' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Delete API key' }));
    expect(confirm.getByText(/cannot be undone/)).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The key Grafana has been deleted.')).toBeInTheDocument();
    expect(requests.some((request) => request.key === 'DELETE /crm/api-keys/2')).toBe(true);
  });

  it('opens the details view with permissions and recent access', async () => {
    const user = userEvent.setup();
    renderPage({
      'GET /crm/api-keys/1': [
        200,
        {
          ...key({ permissions: ['admin'], last_used_ip: '10.0.0.7' }),
          recent_access: [
            { activity_id: 5, action: 'create', description: 'Customer 12 created', created: '2026-01-11T09:00:00Z', ip_address: '10.0.0.7' },
          ],
        },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Billing Sync' }));
    const details = within(await screen.findByRole('dialog', { name: 'Billing Sync' }));
    expect(await details.findByText('Admin (all permissions)')).toBeInTheDocument();
    expect(details.getByText('Customer 12 created')).toBeInTheDocument();
    expect(details.getAllByText('10.0.0.7')).toHaveLength(2);
  });
});
