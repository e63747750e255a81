import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { customer, page } from '../customers/testData';
import { product } from '../products/testData';
import { service } from './testData';

afterEach(restoreApi);

const SERVICES = [
  service({
    service_id: 7,
    service_name: 'Fibre 500',
    service_type: 'internet',
    auto_renew: true,
    expiring_soon: true,
  }),
  service({ service_id: 6, service_name: 'Spare SIM', service_status: 'Suspended', overdue: true }),
  service({ service_id: 5, service_name: 'Old line', service_status: 'Inactive' }),
];

const CUSTOMERS = [customer(), customer({ customer_id: 13, customer_name: 'Bob Jones' })];

const ROUTES = {
  'GET /crm/service/': [200, page(SERVICES, { per_page: 10 })],
  'GET /crm/customers': (request) => [
    200,
    page(CUSTOMERS.filter((row) => row.customer_name.toLowerCase().includes(request.params.search ?? ''))),
  ],
  'GET /crm/product/paginated': [
    200,
    page([product({ service_type: 'internet' }), product({ service_type: 'mobile' })]),
  ],
};

function renderList(routes = {}, session = loginBody()) {
  return renderApp('/services', { ...ROUTES, ...routes }, session);
}

const listQueries = (requests) => requests.filter((request) => request.key === 'GET /crm/service/');
const lastQuery = (requests) => listQueries(requests).at(-1).params;
const rowOf = async (name) => within((await screen.findByRole('link', { name })).closest('tr'));

describe('service list', () => {
  it('shows each service with its customer link, type, status colour, cost and flags', async () => {
    renderList();
    const fibre = await rowOf('Fibre 500');
    expect(fibre.getByRole('link', { name: 'Fibre 500' })).toHaveAttribute('href', '/services/7');
    expect(fibre.getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '/customers/12');
    expect(fibre.getByText('internet')).toBeInTheDocument();
    expect(fibre.getByText('Active')).toHaveClass('badge--success');
    expect(fibre.getByText('$15.00')).toBeInTheDocument();
    expect(fibre.getByRole('img', { name: 'Auto-renew on' })).toBeInTheDocument();
    expect(fibre.getByText('Expiring soon')).toHaveClass('badge--caution');
    expect(fibre.getByText('Jan 1, 2025')).toBeInTheDocument();

    const spare = await rowOf('Spare SIM');
    expect(spare.getByText('Suspended')).toHaveClass('badge--warning');
    expect(spare.getByText('Overdue')).toHaveClass('badge--danger');
    expect(spare.queryByRole('img', { name: 'Auto-renew on' })).not.toBeInTheDocument();
    expect((await rowOf('Old line')).getByText('Inactive')).toHaveClass('badge--neutral');
  });

  it('asks for Active services, newest first, 10 a page', async () => {
    const requests = renderList();
    await screen.findByText('Fibre 500');
    expect(screen.getByRole('tab', { name: 'Active' })).toHaveAttribute('aria-selected', 'true');
    expect(lastQuery(requests)).toEqual({
      page: 1,
      per_page: 10,
      sort: 'service_id',
      order: 'desc',
      filters: '{"service_status":["Active"]}',
    });
  });

  it('sends each status tab as a filter, and no status for All Results', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Fibre 500');
    await user.click(screen.getByRole('tab', { name: 'Suspended' }));
    await waitFor(() => expect(lastQuery(requests).filters).toBe('{"service_status":["Suspended"]}'));
    await user.click(screen.getByRole('tab', { name: 'Inactive' }));
    await waitFor(() => expect(lastQuery(requests).filters).toBe('{"service_status":["Inactive"]}'));
    await user.click(screen.getByRole('tab', { name: 'All Results' }));
    await waitFor(() => expect(lastQuery(requests).filters).toBe('{}'));
  });

  it('adds the chosen service types, the search, the sorted column and the page size to the query', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Fibre 500');
    await user.click(screen.getByRole('checkbox', { name: 'internet' }));
    await user.click(screen.getByRole('checkbox', { name: 'mobile' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Services per page' }), '50');
    await user.click(screen.getByRole('button', { name: /^Service Name/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Search services' }), '0770');
    await waitFor(() =>
      expect(lastQuery(requests)).toEqual({
        page: 1,
        per_page: 50,
        sort: 'service_name',
        order: 'asc',
        search: '0770',
        filters: '{"service_status":["Active"],"service_type":["internet","mobile"]}',
      }),
    );
    expect(screen.getByText('Service type (2)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Service Name/ }));
    await waitFor(() => expect(lastQuery(requests)).toMatchObject({ sort: 'service_name', order: 'desc' }));
  });

  it('filters by a customer found by the type-ahead, together with the status tab', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Fibre 500');
    await user.type(screen.getByLabelText('Find customer'), 'bob');
    const picker = screen.getByLabelText('Customer');
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(2));
    expect(within(picker).getByRole('option', { name: 'All customers' })).toBeInTheDocument();
    await user.selectOptions(picker, 'Bob Jones (ID: 13)');
    await waitFor(() => expect(lastQuery(requests).filters).toBe('{"service_status":["Active"],"customer_id":[13]}'));
    expect(requests.filter((request) => request.key === 'GET /crm/customers').at(-1).params).toEqual({
      search: 'bob',
      per_page: 20,
    });
    await user.click(screen.getByRole('tab', { name: 'All Results' }));
    await waitFor(() => expect(lastQuery(requests)).toMatchObject({ page: 1, filters: '{"customer_id":[13]}' }));
    await user.selectOptions(picker, 'All customers');
    await waitFor(() => expect(lastQuery(requests).filters).toBe('{}'));
  });

  it('sorts by the chosen preset, and says when a column header sorts instead', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Fibre 500');
    const presets = screen.getByRole('combobox', { name: 'Sort services' });
    expect(presets).toHaveValue('newest');
    expect([...presets.options].map((option) => option.text)).toEqual([
      'Newest first',
      'Oldest first',
      'Name A–Z',
      'Ending soonest',
      'Highest cost',
    ]);
    const expected = [
      ['oldest', 'service_id', 'asc'],
      ['name', 'service_name', 'asc'],
      ['ending', 'service_deactivate_date', 'asc'],
      ['cost', 'retail_cost', 'desc'],
      ['newest', 'service_id', 'desc'],
    ];
    for (const [preset, sort, order] of expected) {
      await user.selectOptions(presets, preset);
      await waitFor(() => expect(lastQuery(requests)).toMatchObject({ page: 1, sort, order }));
    }
    await user.click(screen.getByRole('button', { name: /^Customer/ }));
    await waitFor(() => expect(lastQuery(requests)).toMatchObject({ sort: 'customer_name', order: 'asc' }));
    expect(presets).toHaveValue('');
    expect(presets).toHaveDisplayValue('Sorted by column');
    await user.click(screen.getByRole('button', { name: /^Monthly Cost/ }));
    await user.click(screen.getByRole('button', { name: /^Monthly Cost/ }));
    await waitFor(() => expect(presets).toHaveValue('cost'));
  });

  it('suggests the All Results tab when a status has no services', async () => {
    renderList({ 'GET /crm/service/': [200, page([])] });
    expect(await screen.findByText('No services found. Try the All Results tab.')).toBeInTheDocument();
  });

  it('keeps Delete Selected disabled until a service is selected, then deletes them after a warning', async () => {
    const user = userEvent.setup();
    const requests = renderList({
      'POST /crm/service/bulk_delete': [
        200,
        {
          results: [
            { service_id: 7, status: 'deleted', provision_id: null },
            { service_id: 6, status: 'deletion_started', provision_id: 77 },
            { service_id: 5, status: 'error', message: 'A provisioning job is running for this service' },
          ],
        },
      ],
    });
    await screen.findByText('Fibre 500');
    expect(screen.getByRole('button', { name: 'Delete Selected' })).toBeDisabled();
    expect(screen.getByText('0 selected')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select Fibre 500' }));
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select all services on this page' }));
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete Selected' }));

    const dialog = within(screen.getByRole('dialog', { name: 'Delete 3 services' }));
    expect(dialog.getByText(/Deletion is\s+permanent/)).toBeInTheDocument();
    expect(dialog.getByText(/cancelled in the network/)).toBeInTheDocument();
    expect(dialog.getByText(/inventory is unassigned/)).toBeInTheDocument();
    expect(dialog.getByText(/recurring charges and auto-renewals stop/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Delete' }));

    const results = within(await screen.findByRole('list', { name: 'Deletion results' }));
    expect(results.getByText('Service #7: deleted')).toBeInTheDocument();
    expect(results.getByRole('link', { name: 'job #77' })).toHaveAttribute('href', '/provisioning/77');
    expect(results.getByText('Service #5: A provisioning job is running for this service')).toBeInTheDocument();
    expect(screen.getByText('2 of 3 deleted or being deleted')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /crm/service/bulk_delete').body).toEqual({
      service_ids: [7, 6, 5],
    });
    expect(listQueries(requests)).toHaveLength(2);
  });

  it('deletes one service from its actions menu, which also opens it and its usage', async () => {
    const user = userEvent.setup();
    const requests = renderList({
      'POST /crm/service/bulk_delete': [200, { results: [{ service_id: 6, status: 'deleted', provision_id: null }] }],
    });
    await user.click(await screen.findByRole('button', { name: 'Actions for Spare SIM' }));
    const menu = within(screen.getByRole('menu'));
    expect(menu.getByRole('menuitem', { name: 'View' })).toHaveAttribute('href', '/services/6');
    expect(menu.getByRole('menuitem', { name: 'Usage' })).toHaveAttribute('href', '/services/6#usage');
    await user.click(menu.getByRole('menuitem', { name: 'Delete' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete service' })).getByRole('button', { name: 'Delete' }),
    );
    await screen.findByText('Service #6: deleted');
    expect(requests.find((request) => request.key === 'POST /crm/service/bulk_delete').body).toEqual({
      service_ids: [6],
    });
  });

  it('offers no selection or deletion without delete_customer_service', async () => {
    renderList({}, loginBody({ permissions: ['view_customer_service'] }));
    await screen.findByText('Fibre 500');
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete Selected' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Assign Plan' })).not.toBeInTheDocument();
  });
});
