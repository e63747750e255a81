import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { customerDetail } from './testData';

afterEach(restoreApi);

const VLAN = {
  attribute_id: 31,
  customer_id: 12,
  attribute_name: 'vlan_id',
  attribute_value: '100',
  created: '2025-03-01 10:00:00',
  last_modified: '2025-03-02 11:30:00',
};

function renderTab(permissions, routes = {}) {
  saveSession(loginBody({ permissions }));
  const requests = mockApi({
    'GET /crm/customer/customer_id/12': [200, customerDetail()],
    'GET /crm/attribute/customer_id/12': [200, [VLAN]],
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={['/customers/12#6']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const VIEW = ['view_customer', 'view_customer_attribute'];

describe('Attributes tab', () => {
  it('is hidden without view_customer_attribute', async () => {
    const requests = renderTab(['view_customer', 'view_customer_contact']);
    await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' });
    expect(screen.getByRole('tab', { name: 'Contacts' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Attributes' })).not.toBeInTheDocument();
    // #6 falls back to the Overview tab, and the attributes are never asked for.
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    expect(requests.map((request) => request.key)).not.toContain('GET /crm/attribute/customer_id/12');
  });

  it('lists the attributes but hides the controls the user may not use', async () => {
    renderTab(VIEW);
    const row = within((await screen.findByText('vlan_id')).closest('tr'));
    expect(screen.getByRole('tab', { name: 'Attributes' })).toHaveAttribute('aria-selected', 'true');
    expect(row.getByText('100')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add Attribute' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit vlan_id' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete vlan_id' })).not.toBeInTheDocument();
  });

  it('shows each control with its own permission', async () => {
    renderTab([...VIEW, 'delete_customer_attribute']);
    await screen.findByText('vlan_id');
    expect(screen.getByRole('button', { name: 'Delete vlan_id' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit vlan_id' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add Attribute' })).not.toBeInTheDocument();
  });

  it('adds an attribute with a 150-character counter, then reloads the table', async () => {
    const user = userEvent.setup();
    let saved = false;
    const requests = renderTab([...VIEW, 'create_customer_attribute'], {
      'GET /crm/attribute/customer_id/12': () => [
        200,
        saved ? [VLAN, { ...VLAN, attribute_id: 32, attribute_name: 'speed_tier', attribute_value: 'gold' }] : [VLAN],
      ],
      'PUT /crm/attribute/': () => {
        saved = true;
        return [200, {}];
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Add Attribute' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add Attribute' }));
    expect(dialog.getByLabelText('Attribute Name')).toHaveAccessibleDescription(
      'lowercase_with_underscores, no spaces',
    );
    const value = dialog.getByLabelText('Attribute Value');
    expect(value).toHaveAccessibleDescription('0/150 characters');

    await user.type(dialog.getByLabelText('Attribute Name'), 'speed_tier');
    await user.type(value, 'gold');
    expect(value).toHaveAccessibleDescription('4/150 characters');
    await user.clear(value);
    await user.type(value, 'x'.repeat(160));
    expect(value).toHaveValue('x'.repeat(150));
    expect(value).toHaveAccessibleDescription('150/150 characters');
    await user.clear(value);
    await user.type(value, 'gold');
    await user.click(dialog.getByRole('button', { name: 'Create Attribute' }));

    expect(await screen.findByText('speed_tier')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PUT /crm/attribute/').body).toEqual({
      customer_id: 12,
      attribute_name: 'speed_tier',
      attribute_value: 'gold',
    });
  });

  it('warns that renaming may break integrations, and sends the edit', async () => {
    const user = userEvent.setup();
    const requests = renderTab([...VIEW, 'update_customer_attribute'], {
      'PATCH /crm/attribute/attribute_id/31': [200, { ...VLAN, attribute_name: 'vlan' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Edit vlan_id' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Attribute' }));
    expect(dialog.getByLabelText('Attribute Value')).toHaveAccessibleDescription('3/150 characters');
    expect(dialog.queryByText(/will no longer find it/)).not.toBeInTheDocument();
    await user.clear(dialog.getByLabelText('Attribute Name'));
    await user.type(dialog.getByLabelText('Attribute Name'), 'vlan');
    expect(dialog.getByText(/will no longer find it/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Update Attribute' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((request) => request.key.startsWith('PATCH')).body).toEqual({
      attribute_name: 'vlan',
      attribute_value: '100',
    });
  });

  it('deletes after a confirmation that names the dependent logic', async () => {
    const user = userEvent.setup();
    const requests = renderTab([...VIEW, 'delete_customer_attribute'], {
      'DELETE /crm/attribute/attribute_id/31': [200, { message: 'Attribute deleted' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Delete vlan_id' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete attribute' }));
    expect(dialog.getByText(/Integrations, provisioning and billing logic/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The attribute vlan_id has been deleted.')).toBeInTheDocument();
    expect(requests.filter((request) => request.key === 'GET /crm/attribute/customer_id/12')).toHaveLength(2);
  });
});
