import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import { page } from '../customers/testData';
import { addon, serviceDetail } from './testData';

afterEach(restoreApi);

function renderTab(hash, routes = {}, session = loginBody()) {
  return renderApp(`/services/5${hash}`, { 'GET /crm/service/5': [200, serviceDetail()], ...routes }, session);
}

const tableRows = (name) => within(screen.getByText(name).closest('tr'));

describe('add-ons tab', () => {
  const ADDONS = [
    addon(),
    addon({
      service_addon_id: 71,
      product_name: 'Roaming Pack',
      status: 'Applied',
      auto_renew: true,
      inventory_ids: [5003],
    }),
    addon({
      service_addon_id: 72,
      product_name: 'Spare Router',
      status: 'Returned',
      cancelled_date: '2025-01-05T00:00:00',
    }),
  ];

  it('groups the add-ons into Active and History by status', async () => {
    renderTab('#addons', { 'GET /crm/service/5/addons': [200, ADDONS] });
    await screen.findByText('Data Boost');
    const [active, history] = screen.getAllByRole('table');
    expect(within(active).getByText('Data Boost')).toBeInTheDocument();
    expect(within(active).getByText('Roaming Pack')).toBeInTheDocument();
    expect(tableRows('Roaming Pack').getByText('#5003')).toBeInTheDocument();
    expect(tableRows('Roaming Pack').getByText('Yes')).toBeInTheDocument();
    expect(within(history).getByText('Spare Router')).toBeInTheDocument();
    expect(tableRows('Spare Router').getByText('Returned')).toBeInTheDocument();
    expect(tableRows('Spare Router').getByText('Jan 5, 2025')).toBeInTheDocument();
  });

  it('removes an add-on after confirmation', async () => {
    const user = userEvent.setup();
    let addons = ADDONS;
    const requests = renderTab('#addons', {
      'GET /crm/service/5/addons': () => [200, addons],
      'DELETE /crm/service/5/addon/70': () => {
        addons = [{ ...ADDONS[0], status: 'Cancelled' }, ...ADDONS.slice(1)];
        return [200, { message: 'Add-on removed' }];
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete Data Boost' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Remove add-on' }));
    expect(dialog.getByText(/inventory is returned/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Data Boost has been removed.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getAllByRole('table')[1]).getByText('Data Boost')).toBeInTheDocument());
    expect(requests.filter((request) => request.key === 'DELETE /crm/service/5/addon/70')).toHaveLength(1);
  });

  it('opens the catalogue of add-ons for the service', async () => {
    const user = userEvent.setup();
    renderTab('#addons', {
      'GET /crm/service/5/addons': [200, []],
      'GET /crm/product/': [200, []],
    });
    expect(await screen.findByText('No active add-ons')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add add-on' }));
    expect(current.location.pathname).toBe('/services/assign');
    expect(current.location.search).toBe('?service_id=5');
  });
});

describe('transactions tab', () => {
  const transaction = (fields) => ({
    transaction_id: 90,
    customer_id: 12,
    service_id: 5,
    title: 'Mobile Prepaid 20GB - Setup',
    description: null,
    retail_cost: 4.5,
    tax_amount: 0.9,
    invoice_id: null,
    void: false,
    created: '2025-01-01T09:00:00',
    ...fields,
  });

  it("lists the service's transactions a page at a time", async () => {
    const user = userEvent.setup();
    const requests = renderTab('#transactions', {
      'GET /crm/transaction/': (request) => [
        200,
        page(
          request.params.page === 1
            ? [
                transaction({ transaction_id: 91, title: 'Monthly charge', retail_cost: 15, tax_amount: 3, invoice_id: 7 }),
                transaction({ description: 'SIM and activation' }),
              ]
            : [transaction({ transaction_id: 80, title: 'Goodwill credit', retail_cost: -5, tax_amount: 0 })],
          { current_page: request.params.page, per_page: 20, total_items: 21 },
        ),
      ],
    });
    const charge = within((await screen.findByText('Monthly charge')).closest('tr'));
    expect(charge.getByText('$15.00')).toBeInTheDocument();
    expect(charge.getByText('$3.00')).toBeInTheDocument();
    expect(charge.getByText('#7')).toBeInTheDocument();
    const setup = tableRows('Mobile Prepaid 20GB - Setup');
    expect(setup.getByText('SIM and activation')).toBeInTheDocument();
    expect(setup.getByText('$4.50')).toBeInTheDocument();
    expect(setup.getByText('$0.90')).toBeInTheDocument();
    expect(setup.getByText('Not invoiced')).toBeInTheDocument();
    expect(setup.getByText('Jan 1, 2025')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Date',
      'Title',
      'Amount',
      'Tax',
      'Invoice',
    ]);
    expect(requests.find((request) => request.key === 'GET /crm/transaction/').params).toEqual({
      filters: '{"service_id":[5]}',
      page: 1,
      per_page: 20,
    });

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Goodwill credit')).toBeInTheDocument();
    expect(tableRows('Goodwill credit').getByText('-$5.00')).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 2 (21 transactions)')).toBeInTheDocument();
  });

  it('says when the service has none, and is shown only with view_customer_transaction', async () => {
    renderTab('#transactions', { 'GET /crm/transaction/': [200, page([])] });
    expect(await screen.findByText('No transactions for this service')).toBeInTheDocument();
    cleanup();
    renderTab('#transactions', {}, loginBody({ permissions: ['view_customer_service'] }));
    await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' });
    expect(screen.queryByRole('tab', { name: 'Transactions' })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('notes tab', () => {
  it('adds and deletes notes', async () => {
    const user = userEvent.setup();
    let notes = [];
    const requests = renderTab('#notes', {
      'GET /crm/service/5/notes': () => [200, notes],
      'POST /crm/service/5/notes': (request) => {
        notes = [
          {
            note_id: 3,
            service_id: 5,
            text: request.body.text,
            created_by: 7,
            created_by_name: 'Ada Admin',
            created: '2025-01-10T10:00:00',
          },
        ];
        return [200, notes[0]];
      },
      'DELETE /crm/service/5/notes/3': () => {
        notes = [];
        return [200, { message: 'Note deleted' }];
      },
    });
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
    await user.type(screen.getByLabelText('New note'), '  Customer asked for a new SIM  ');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const note = within(await screen.findByRole('list', { name: 'Notes' }));
    expect(note.getByText('Customer asked for a new SIM')).toBeInTheDocument();
    expect(note.getByText(/Ada Admin ·/)).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /crm/service/5/notes').body).toEqual({
      text: 'Customer asked for a new SIM',
    });
    expect(screen.getByLabelText('New note')).toHaveValue('');

    await user.click(note.getByRole('button', { name: 'Delete note' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete note' })).getByRole('button', { name: 'Delete' }),
    );
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
  });

  it("shows the API's reason for a refused note", async () => {
    const user = userEvent.setup();
    renderTab('#notes', {
      'GET /crm/service/5/notes': [200, []],
      'POST /crm/service/5/notes': [400, { message: 'Invalid note', errors: { text: '1 to 4000 characters' } }],
    });
    await user.type(await screen.findByLabelText('New note'), 'x');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('1 to 4000 characters')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid note');
  });
});

describe('life-cycle and activity tabs', () => {
  it('lists the life-cycle events', async () => {
    renderTab('#lifecycle', {
      'GET /crm/service/5/lifecycle': [
        200,
        [
          {
            id: 2,
            service_id: 5,
            event: 'suspended',
            start_date: '2025-01-05T10:00:00',
            end_date: null,
            actor: '7',
            reason: 'non_payment',
            created: '2025-01-05T10:00:00',
          },
          {
            id: 1,
            service_id: 5,
            event: 'activated',
            start_date: '2025-01-01T00:00:00',
            end_date: null,
            actor: 'system',
            reason: null,
            created: '2025-01-01T00:00:00',
          },
        ],
      ],
    });
    expect(await screen.findByText('Suspended')).toBeInTheDocument();
    expect(tableRows('Suspended').getByText('non_payment')).toBeInTheDocument();
    expect(tableRows('Activated').getByText('system')).toBeInTheDocument();
  });

  it("reads the service's activity log a page at a time", async () => {
    const requests = renderTab('#activity', {
      'GET /crm/activity/service_id/5': [
        200,
        page([
          {
            activity_id: 9,
            customer_id: 12,
            service_id: 5,
            object_type: 'service',
            object_id: 5,
            action: 'service_status_changed',
            description: 'Status Active → Suspended',
            user_name: 'Ada Admin',
            created: '2025-01-05T10:00:00',
          },
        ]),
      ],
    });
    expect(await screen.findByRole('button', { name: 'Status Active → Suspended' })).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'GET /crm/activity/service_id/5').params).toEqual({
      page: 1,
      per_page: 20,
    });
  });
});
