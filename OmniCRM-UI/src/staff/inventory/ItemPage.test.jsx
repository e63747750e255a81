import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { item, itemLabels } from './testData';

afterEach(restoreApi);

const CPE = item({
  inventory_id: 7001,
  item: 'Fixed Wireless CPE',
  item_state: 'Assigned',
  customer_id: 12,
  service_id: 77,
  itemtext1: 'AA:BB:CC:00:11:22',
  itemtext2: 'SN-4411',
  itemtext4: 'v2.1',
  itemtext_labels: itemLabels({ itemtext1: 'MAC Address', itemtext2: 'Serial Number', itemtext3: 'Firmware' }),
  management_url: 'https://192.168.1.1',
  management_username: 'admin',
  management_password: 'router-pass',
  management_password_set: true,
});

function renderItem(fields = {}, routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({ 'GET /crm/inventory/inventory_id/7001': [200, { ...CPE, ...fields }], ...routes });
  render(
    <MemoryRouter initialEntries={['/inventory/items/7001']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const detail = (label) => screen.getByText(label, { selector: 'dt' }).nextSibling;

describe('inventory item', () => {
  it('shows the fields under their template labels, "Item Text N" when unlabelled', async () => {
    renderItem();
    await screen.findByRole('heading', { level: 1, name: 'Fixed Wireless CPE #7001' });
    expect(detail('MAC Address')).toHaveTextContent('AA:BB:CC:00:11:22');
    expect(detail('Serial Number')).toHaveTextContent('SN-4411');
    expect(detail('Firmware')).toHaveTextContent('—');
    expect(detail('Item Text 4')).toHaveTextContent('v2.1');
    expect(screen.getAllByText('Assigned')[0]).toHaveClass('badge--info');
  });

  it('draws a 128 px QR code of a web management URL with a link to it', async () => {
    renderItem();
    const qr = await screen.findByRole('img', { name: 'QR code of https://192.168.1.1' });
    expect(qr).toHaveAttribute('width', '128');
    expect(qr).toHaveAttribute('height', '128');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByRole('link', { name: 'https://192.168.1.1' })).toHaveAttribute('href', 'https://192.168.1.1');
  });

  it('shows an LPA string beside its QR code as text, not as a link', async () => {
    renderItem({ management_url: 'LPA:1$smdp.example.com$ACT-CODE' });
    await screen.findByRole('img', { name: 'QR code of LPA:1$smdp.example.com$ACT-CODE' });
    expect(screen.getByText('LPA:1$smdp.example.com$ACT-CODE').tagName).toBe('CODE');
    expect(screen.queryByRole('link', { name: /LPA/ })).not.toBeInTheDocument();
  });

  it('says only that a password is set, revealing it on request to those who got it', async () => {
    const user = userEvent.setup();
    renderItem();
    await screen.findByRole('heading', { level: 1, name: 'Fixed Wireless CPE #7001' });
    expect(detail('Password')).toHaveTextContent('Set');
    expect(screen.queryByText('router-pass')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(screen.getByText('router-pass')).toBeInTheDocument();
  });

  it('edits with the allowed states only, sending the password only when typed', async () => {
    const user = userEvent.setup();
    const requests = renderItem(
      {},
      {
        'PATCH /crm/inventory/inventory_id/7001': (request) => [
          200,
          { ...CPE, ...request.body, management_password: null },
        ],
      },
    );
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Fixed Wireless CPE #7001' }));
    expect(dialog.getByLabelText('MAC Address')).toHaveValue('AA:BB:CC:00:11:22');
    expect(dialog.getByLabelText('Item Text 4')).toHaveValue('v2.1');
    const password = dialog.getByLabelText('Management password');
    expect(password).toHaveValue('');
    expect(password).toHaveAttribute('placeholder', 'Set — type to replace');
    const states = dialog.getByRole('combobox', { name: 'State' });
    expect(
      within(states)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Assigned', 'Used', 'Damaged', 'Out of Service', 'Lost', 'Stolen', 'Decommissioned']);
    await user.selectOptions(states, 'Damaged');
    await user.type(dialog.getByLabelText('Notes'), 'RMA 42');
    await user.click(dialog.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText('The item has been saved.');
    expect(requests.find((request) => request.key.startsWith('PATCH')).body).toEqual({
      item_state: 'Damaged',
      inventory_notes: 'RMA 42',
    });

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const again = within(screen.getByRole('dialog'));
    await user.type(again.getByLabelText('Management password'), 'n3w');
    await user.click(again.getByRole('button', { name: 'Save Changes' }));
    await waitFor(() => expect(requests.filter((request) => request.key.startsWith('PATCH'))).toHaveLength(2));
    expect(requests.filter((request) => request.key.startsWith('PATCH'))[1].body).toEqual({
      management_password: 'n3w',
    });
  });

  it('removes a stored password only when asked to', async () => {
    const user = userEvent.setup();
    const requests = renderItem({}, { 'PATCH /crm/inventory/inventory_id/7001': [200, CPE] });
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = within(screen.getByRole('dialog'));
    await user.click(dialog.getByLabelText('Remove the stored password'));
    expect(dialog.getByLabelText('Management password')).toBeDisabled();
    await user.click(dialog.getByRole('button', { name: 'Save Changes' }));
    await waitFor(() => expect(requests.some((request) => request.key.startsWith('PATCH'))).toBe(true));
    expect(requests.find((request) => request.key.startsWith('PATCH')).body).toEqual({ management_password: null });
  });

  it("keeps the delete dialog open with the API's 409", async () => {
    const user = userEvent.setup();
    renderItem(
      {},
      {
        'DELETE /crm/inventory/inventory_id/7001': [409, { message: 'An assigned or linked item cannot be deleted' }],
      },
    );
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete item' }));
    await user.click(dialog.getByRole('button', { name: 'Delete' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('An assigned or linked item cannot be deleted');
  });

  it('offers neither edit nor delete with view_inventory alone', async () => {
    renderItem({ management_password: null }, {}, loginBody({ permissions: ['view_inventory'] }));
    await screen.findByRole('heading', { level: 1, name: 'Fixed Wireless CPE #7001' });
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(detail('Password')).toHaveTextContent(/^Set$/);
  });
});
