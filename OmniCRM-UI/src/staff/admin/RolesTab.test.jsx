import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, restoreApi } from '../../test/mockApi';
import RolesTab from './RolesTab';

afterEach(restoreApi);

const PERMISSIONS = [
  { id: 1, name: 'admin', description: 'Admin', module: 'Global' },
  { id: 3, name: 'view_customer', description: 'View customer', module: 'Customers' },
  { id: 4, name: 'create_customer', description: 'Create customer', module: 'Customers' },
  { id: 40, name: 'view_customer_invoice', description: 'View customer invoice', module: 'Billing' },
];
const ROLES = [
  { id: 1, name: 'Admin', description: 'Every permission', permissions: ['admin'], user_count: 1 },
  { id: 2, name: 'Customer', description: 'Self-care', permissions: [], user_count: 4 },
  { id: 3, name: 'Support', description: 'Customer care', permissions: ['view_customer'], user_count: 2 },
];

function renderTab(routes = {}) {
  const requests = mockApi({
    'GET /auth/roles': [200, ROLES],
    'GET /auth/permissions': [200, PERMISSIONS],
    ...routes,
  });
  render(<RolesTab />);
  return requests;
}

describe('RolesTab permission matrix', () => {
  it('has a column per role and the permissions grouped by module as rows', async () => {
    renderTab();
    const matrix = await screen.findByTestId('permission-matrix');
    const [headerRow] = within(matrix).getAllByRole('row');
    const headers = within(headerRow).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(['Permission', 'Admin1 user', 'Customer4 users', 'Support2 users']);
    const groups = within(matrix)
      .getAllByRole('columnheader')
      .filter((header) => header.getAttribute('scope') === 'colgroup')
      .map((header) => header.textContent);
    expect(groups).toEqual(['Global', 'Customers', 'Billing']);
    expect(within(matrix).getAllByRole('rowheader').map((header) => header.textContent)).toEqual([
      'Admin',
      'View customer',
      'Create customer',
      'View customer invoice',
    ]);
  });

  it('shows the Admin column all ticked and read-only', async () => {
    renderTab();
    await screen.findByTestId('permission-matrix');
    PERMISSIONS.forEach(({ name }) => {
      const box = screen.getByRole('checkbox', { name: `Admin: ${name}` });
      expect(box).toBeChecked();
      expect(box).toBeDisabled();
    });
    expect(screen.getByRole('checkbox', { name: 'Support: view_customer' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Support: create_customer' })).not.toBeChecked();
  });

  it('grants a permission with POST and takes it away with DELETE', async () => {
    const user = userEvent.setup();
    const requests = renderTab({
      'POST /auth/roles/3/permissions': [200, {}],
      'DELETE /auth/roles/3/permissions/3': [200, {}],
    });
    const create = await screen.findByRole('checkbox', { name: 'Support: create_customer' });
    await user.click(create);
    expect(create).toBeChecked();
    const view = screen.getByRole('checkbox', { name: 'Support: view_customer' });
    await user.click(view);
    expect(view).not.toBeChecked();
    expect(requests.slice(2).map(({ key, body }) => ({ key, body }))).toEqual([
      { key: 'POST /auth/roles/3/permissions', body: { permission_ids: [4] } },
      { key: 'DELETE /auth/roles/3/permissions/3', body: undefined },
    ]);
  });

  it('leaves the box as it was and says why when the API refuses', async () => {
    const user = userEvent.setup();
    renderTab({ 'POST /auth/roles/2/permissions': [404, { message: 'Permission not found' }] });
    const box = await screen.findByRole('checkbox', { name: 'Customer: view_customer_invoice' });
    await user.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('Customer: Permission not found');
    expect(box).not.toBeChecked();
  });

  it('protects Admin and Customer from renaming and deletion', async () => {
    renderTab();
    await screen.findByTestId('permission-matrix');
    expect(screen.queryByRole('button', { name: 'Delete Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rename Customer' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete Support' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rename Support' })).toBeInTheDocument();
  });

  it('creates a role and reloads the matrix', async () => {
    const user = userEvent.setup();
    const requests = renderTab({ 'POST /auth/roles': [201, { id: 9, name: 'Tier2_Support' }] });
    await user.click(await screen.findByRole('button', { name: 'Create Role' }));
    await user.type(screen.getByLabelText('Name'), 'Tier2_Support');
    await user.type(screen.getByLabelText('Description'), 'Escalations');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The role Tier2_Support has been created.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /auth/roles').body).toEqual({
      name: 'Tier2_Support',
      description: 'Escalations',
    });
    expect(requests.filter((request) => request.key === 'GET /auth/roles')).toHaveLength(2);
  });
});
