import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { customer, customerDetail, page } from './testData';

afterEach(restoreApi);

const CUSTOMERS = [
  customer({ customer_id: 1, customer_name: 'Acme Ltd' }),
  customer({
    customer_id: 2,
    customer_name: 'Bright Homes',
    customer_account_type: 'Individual',
    customer_status: 'Suspended',
  }),
  customer({ customer_id: 3, customer_name: 'Coral Farm', customer_payment_type: 'prepaid' }),
];

function renderList(routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({ 'GET /crm/customers': [200, page(CUSTOMERS)], ...routes });
  render(
    <MemoryRouter initialEntries={['/customers']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const listQueries = (requests) => requests.filter((request) => request.key === 'GET /crm/customers');
const lastQuery = (requests) => listQueries(requests).at(-1).params;

describe('customer list', () => {
  it('shows the customers with their type, status and payment type', async () => {
    renderList();
    const row = within((await screen.findByRole('link', { name: 'Bright Homes' })).closest('tr'));
    expect(row.getByText('Individual')).toBeInTheDocument();
    expect(row.getByText('Suspended')).toHaveClass('badge--warning');
    expect(row.getByText('Postpaid')).toBeInTheDocument();
  });

  it('asks for the newest customers first, 20 a page, without archived ones', async () => {
    const requests = renderList();
    await screen.findByText('Acme Ltd');
    expect(lastQuery(requests)).toEqual({ page: 1, per_page: 20, sort: 'created', order: 'desc' });
  });

  it('builds the query from the search box, filters, archived toggle and sorted header', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Acme Ltd');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Suspended');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account type' }), 'Business');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Payment type' }), 'prepaid');
    await user.click(screen.getByRole('checkbox', { name: 'Include archived' }));
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'acme');

    await waitFor(() =>
      expect(lastQuery(requests)).toEqual({
        page: 1,
        per_page: 20,
        search: 'acme',
        sort: 'customer_name',
        order: 'asc',
        customer_status: 'Suspended',
        customer_account_type: 'Business',
        customer_payment_type: 'prepaid',
        include_archived: 'true',
      }),
    );
    expect(screen.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');

    await user.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(lastQuery(requests)).toMatchObject({ sort: 'customer_name', order: 'desc' }));
  });

  it('goes back to page 1 when a filter changes', async () => {
    const user = userEvent.setup();
    const requests = renderList({
      'GET /crm/customers': (request) => [200, page(CUSTOMERS, { current_page: request.params.page, total_items: 45 })],
    });
    await screen.findByText('Acme Ltd');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(lastQuery(requests).page).toBe(2));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Closed');
    await waitFor(() => expect(lastQuery(requests)).toMatchObject({ page: 1, customer_status: 'Closed' }));
  });

  it('opens a customer when its row is clicked', async () => {
    const user = userEvent.setup();
    renderList({
      'GET /crm/customer/customer_id/3': [200, customerDetail({ customer_id: 3, customer_name: 'Coral Farm' })],
    });
    const row = (await screen.findByRole('link', { name: 'Coral Farm' })).closest('tr');
    await user.click(within(row).getByText('Prepaid'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Coral Farm' })).toBeInTheDocument();
  });

  it('archives the selected customers one by one and sums up what was blocked', async () => {
    const user = userEvent.setup();
    const requests = renderList({
      'DELETE /crm/customer/customer_id/1': [200, { customer_id: 1, customer_status: 'Archived' }],
      'DELETE /crm/customer/customer_id/2': [409, { message: 'Customer cannot be deleted' }],
      'DELETE /crm/customer/customer_id/3': [200, { customer_id: 3, customer_status: 'Archived' }],
    });
    await screen.findByText('Acme Ltd');
    expect(screen.queryByRole('button', { name: /Archive selected/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select all customers on this page' }));
    await user.click(screen.getByRole('button', { name: 'Archive selected (3)' }));
    const dialog = screen.getByRole('dialog', { name: 'Archive 3 customers' });
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));

    const summary = await screen.findByText('2 archived, 1 blocked');
    expect(summary.closest('.alert')).toHaveTextContent('Bright Homes (#2): Customer cannot be deleted');
    expect(requests.filter((request) => request.key.startsWith('DELETE')).map((request) => request.key)).toEqual([
      'DELETE /crm/customer/customer_id/1',
      'DELETE /crm/customer/customer_id/2',
      'DELETE /crm/customer/customer_id/3',
    ]);
    expect(listQueries(requests)).toHaveLength(2);
  });

  it('offers neither selection nor archive without delete_customer', async () => {
    renderList({}, loginBody({ permissions: ['view_customer'] }));
    await screen.findByText('Acme Ltd');
    expect(screen.queryByRole('checkbox', { name: /Select/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Archive/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Create Customer' })).not.toBeInTheDocument();
  });
});
