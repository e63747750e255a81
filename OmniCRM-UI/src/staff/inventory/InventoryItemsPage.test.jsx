import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import { item, template } from './testData';

afterEach(restoreApi);

const TEMPLATES = [
  template(),
  template({
    inventory_template_id: 2,
    item: 'Mobile Number',
    itemtext1_label: 'Phone Number',
    itemtext2_label: 'Region',
  }),
];
const ITEMS = [
  item(),
  item({ inventory_id: 5002, itemtext1: '8944100000000000002', item_state: 'In Stock' }),
  item({
    inventory_id: 5003,
    itemtext1: '8944100000000000003',
    item_state: 'Assigned',
    customer_id: 12,
    service_id: 77,
  }),
];

function renderItems(routes = {}, session = loginBody(), path = '/inventory') {
  saveSession(session);
  const requests = mockApi({
    'GET /crm/inventory/template/': [200, page(TEMPLATES)],
    'GET /crm/inventory/': [200, page(ITEMS)],
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const lastQuery = (requests) => requests.filter((request) => request.key === 'GET /crm/inventory/').at(-1).params;

describe('inventory items', () => {
  it('lists items with state badges and links to their customer', async () => {
    renderItems();
    const assigned = within((await screen.findByText('8944100000000000003')).closest('tr'));
    expect(assigned.getByText('Assigned')).toHaveClass('badge--info');
    expect(assigned.getByRole('link', { name: '12' })).toHaveAttribute('href', '/customers/12');
    expect(within(screen.getByText('8944100000000000002').closest('tr')).getByText('In Stock')).toHaveClass(
      'badge--success',
    );
  });

  it('builds the query from search, template, state, location and unassigned, with the template labels as headers', async () => {
    const user = userEvent.setup();
    const requests = renderItems();
    await screen.findByText('8944100000000000001');
    expect(screen.getByRole('columnheader', { name: 'Item Text 1' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('option', { name: 'Mobile Number' })).toBeInTheDocument());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Mobile Number');
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'In Stock');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assignment' }), 'unassigned');
    await user.type(screen.getByRole('textbox', { name: 'Location' }), 'Shelf 3');
    await user.type(screen.getByRole('searchbox', { name: 'Search inventory' }), '0044');
    await waitFor(() =>
      expect(lastQuery(requests)).toEqual({
        page: 1,
        per_page: 20,
        sort: 'inventory_id',
        order: 'desc',
        search: '0044',
        inventory_template_id: '2',
        item_state: 'In Stock',
        item_location: 'Shelf 3',
        unassigned: 'true',
      }),
    );
    expect(screen.getByRole('columnheader', { name: 'Phone Number' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Region' })).toBeInTheDocument();
  });

  it('starts filtered by the template named in the address', async () => {
    const requests = renderItems({}, loginBody(), '/inventory?template=1');
    await screen.findByText('8944100000000000001');
    expect(lastQuery(requests).inventory_template_id).toBe('1');
    expect(await screen.findByRole('columnheader', { name: 'ICCID' })).toBeInTheDocument();
  });

  it('sets the state of the selected items in one bulk PATCH, offering only states all may take', async () => {
    const user = userEvent.setup();
    const requests = renderItems({ 'PATCH /crm/inventory/bulk': [200, { updated: 2 }] });
    await screen.findByText('8944100000000000001');
    await user.click(screen.getByRole('checkbox', { name: 'Select item 5001' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select item 5002' }));
    await user.click(screen.getByRole('button', { name: 'Set state' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Set state of 2 items' }));
    const options = dialog.getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual([
      'In Stock',
      'Internal Use',
      'Damaged',
      'Out of Service',
      'Lost',
      'Stolen',
      'Decommissioned',
    ]);
    await user.selectOptions(dialog.getByRole('combobox', { name: 'New state' }), 'Internal Use');
    await user.click(dialog.getByRole('button', { name: 'Set state' }));
    expect(await screen.findByText('2 items updated.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PATCH /crm/inventory/bulk').body).toEqual({
      inventory_ids: [5001, 5002],
      item_state: 'Internal Use',
    });
  });

  it('shows the ids the API refuses to move, changing none', async () => {
    const user = userEvent.setup();
    renderItems({
      'PATCH /crm/inventory/bulk': [
        400,
        { message: 'Invalid state transition', errors: { inventory_ids: 'cannot change: [5003]' } },
      ],
    });
    await screen.findByText('8944100000000000001');
    await user.click(screen.getByRole('checkbox', { name: 'Select all items on this page' }));
    await user.click(screen.getByRole('button', { name: 'Set location' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Set location of 3 items' }));
    await user.type(dialog.getByLabelText('New location'), 'Van 2');
    await user.click(dialog.getByRole('button', { name: 'Set location' }));
    expect(await dialog.findByText('Invalid state transition')).toBeInTheDocument();
    expect(dialog.getByText('Items: cannot change: [5003]')).toBeInTheDocument();
  });

  it('adds an item of a chosen template with its labels and default costs', async () => {
    const user = userEvent.setup();
    const requests = renderItems({
      'PUT /crm/inventory/': (request) => [200, item({ ...request.body, inventory_id: 5010 })],
    });
    await screen.findByText('8944100000000000001');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add Item' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Add Item' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add Item' }));
    expect(dialog.queryByLabelText('ICCID')).not.toBeInTheDocument();
    await user.selectOptions(dialog.getByLabelText('Template'), 'SIM Card');
    expect(dialog.getByLabelText('Retail cost')).toHaveValue(10);
    expect(dialog.getAllByRole('option').map((option) => option.textContent)).not.toContain('Assigned');
    await user.type(dialog.getByLabelText('ICCID'), '8944100000000000010');
    await user.type(dialog.getByLabelText('IMSI'), '234150000000010');
    await user.click(dialog.getByRole('button', { name: 'Another text field' }));
    await user.type(dialog.getByLabelText('Item Text 3'), 'eSIM');
    await user.click(dialog.getByRole('button', { name: 'Add Item' }));
    expect(await screen.findByText('SIM Card #5010 has been added.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PUT /crm/inventory/').body).toMatchObject({
      inventory_template_id: 1,
      itemtext1: '8944100000000000010',
      itemtext2: '234150000000010',
      itemtext3: 'eSIM',
      item_state: 'New',
      wholesale_cost: '2.50',
      retail_cost: '10.00',
    });
  });

  it('offers neither selection, bulk import nor Add Item with view_inventory alone', async () => {
    renderItems({}, loginBody({ permissions: ['view_inventory', 'view_inventory_template'] }));
    await screen.findByText('8944100000000000001');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Bulk import' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add Item' })).not.toBeInTheDocument();
  });
});
