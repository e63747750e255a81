import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import { barHeights } from './ArpuPanel';
import { customerDetail, page } from './testData';

afterEach(restoreApi);

const tag = (fields) => ({
  tag_id: 1,
  customer_id: 12,
  tag_text: 'VIP',
  tag_hex_color: 'FFD700',
  tag_link: null,
  tag_active_date: '2025-01-01 00:00:00',
  tag_deactivate_date: '2099-01-01 00:00:00',
  tag_active: true,
  ...fields,
});

const contact = (fields) => ({
  contact_id: 7,
  customer_id: 12,
  contact_firstname: 'Jo',
  contact_lastname: 'Smith',
  contact_email: 'jo.smith@acme.test',
  contact_phone: null,
  contact_types: 'Primary,Billing',
  ...fields,
});

const arpu = (fields) => ({ customer_id: 12, revenue: 120, service_count: 3, arpu: 40, system_arpu: 20, ...fields });

function renderCustomer(entry, routes = {}, session = loginBody()) {
  return renderApp(
    entry,
    {
      'GET /crm/customer/customer_id/12': [200, customerDetail()],
      'GET /crm/customer/customer_id/12/arpu': [200, arpu()],
      ...routes,
    },
    session,
  );
}

describe('customer page header', () => {
  it('shows the name, the status badge and the active tags with readable text', async () => {
    renderCustomer('/customers/12', {
      'GET /crm/customer/customer_id/12': [
        200,
        customerDetail({
          customer_status: 'Suspended',
          tags: [
            tag(),
            tag({
              tag_id: 2,
              tag_text: 'Open ticket',
              tag_hex_color: '1A237E',
              tag_link: 'https://desk.example.com/t/9',
            }),
          ],
        }),
      ],
    });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' });
    const header = within(heading.closest('header'));
    expect(header.getByText('Suspended')).toHaveClass('badge--warning');
    expect(header.getByText('VIP')).toHaveStyle({ color: '#000000', backgroundColor: '#FFD700' });
    const link = header.getByRole('link', { name: 'Open ticket' });
    expect(link).toHaveStyle({ color: '#FFFFFF' });
    expect(link).toHaveAttribute('href', 'https://desk.example.com/t/9');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener');
  });

  it('opens the plan-assignment wizard for the customer from Add service', async () => {
    const user = userEvent.setup();
    renderCustomer('/customers/12', { 'GET /crm/product/': [200, []] });
    const add = await screen.findByRole('link', { name: 'Add service' });
    expect(add).toHaveAttribute('href', '/services/assign?customer_id=12');
    await user.click(add);
    expect(`${current.location.pathname}${current.location.search}`).toBe('/services/assign?customer_id=12');
    expect(await screen.findByRole('heading', { level: 1, name: 'Assign a Plan' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows Add service only with create_provision, and not for an archived customer', async () => {
    renderCustomer('/customers/12', {}, loginBody({ permissions: ['view_customer', 'view_provision'] }));
    await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' });
    expect(screen.queryByRole('link', { name: 'Add service' })).not.toBeInTheDocument();
    cleanup();

    renderCustomer('/customers/12', {
      'GET /crm/customer/customer_id/12': [200, customerDetail({ customer_status: 'Archived', customer_enabled: false })],
    });
    await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' });
    expect(screen.queryByRole('link', { name: 'Add service' })).not.toBeInTheDocument();
  });

  it('says so when the customer does not exist', async () => {
    renderCustomer('/customers/99', { 'GET /crm/customer/customer_id/99': [404, { message: 'Customer not found' }] });
    expect(await screen.findByRole('heading', { name: 'Customer not found', level: 2 })).toBeInTheDocument();
  });
});

describe('customer tabs', () => {
  it('opens the tab named by the hash, and a click changes the hash', async () => {
    const user = userEvent.setup();
    renderCustomer('/customers/12#4', {
      'GET /crm/contact/customer_id/12': [200, [contact()]],
      'GET /crm/site/customer_id/12': [200, []],
    });
    expect(await screen.findByRole('tab', { name: 'Contacts' })).toHaveAttribute('aria-selected', 'true');
    const row = within((await screen.findByText('Jo Smith')).closest('tr'));
    expect(row.getByText('Billing')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Sites' }));
    expect(current.location.hash).toBe('#2');
    expect(await screen.findByText('No sites yet')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(current.location.hash).toBe('#1');
    expect(screen.getByRole('heading', { name: 'Details' })).toBeInTheDocument();
  });

  it('highlights the contact a search hit pointed at', async () => {
    saveSession(loginBody());
    mockApi({
      'GET /crm/customer/customer_id/12': [200, customerDetail()],
      'GET /crm/contact/customer_id/12': [200, [contact(), contact({ contact_id: 8, contact_firstname: 'Ann' })]],
    });
    render(
      <MemoryRouter initialEntries={[{ pathname: '/customers/12', hash: '#4', state: { contactId: 8 } }]}>
        <App />
      </MemoryRouter>,
    );
    const ann = (await screen.findByText('Ann Smith')).closest('tr');
    expect(ann).toHaveClass('table__row--highlight');
    expect(screen.getByText('Jo Smith').closest('tr')).not.toHaveClass('table__row--highlight');
  });

  it('changes the status through the allowed transitions', async () => {
    const user = userEvent.setup();
    const requests = renderCustomer('/customers/12', {
      'PATCH /crm/customer/customer_id/12': [200, customerDetail({ customer_status: 'Suspended' })],
    });
    const select = await screen.findByLabelText('Change status to');
    expect([...select.options].map((option) => option.value)).toEqual(['Suspended', 'Closed']);
    await user.selectOptions(select, 'Closed');
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    expect(await screen.findByText('The status is now Closed.')).toBeInTheDocument();
    expect(requests.find((request) => request.key.startsWith('PATCH')).body).toEqual({ customer_status: 'Closed' });
  });

  it('keeps an archived customer read-only and offers Restore', async () => {
    renderCustomer('/customers/12', {
      'GET /crm/customer/customer_id/12': [
        200,
        customerDetail({ customer_status: 'Archived', customer_enabled: false }),
      ],
    });
    expect(await screen.findByRole('button', { name: 'Restore' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Change status to')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive' })).not.toBeInTheDocument();
  });

  it('deletes a contact only after confirming', async () => {
    const user = userEvent.setup();
    const requests = renderCustomer('/customers/12#4', {
      'GET /crm/contact/customer_id/12': [200, [contact()]],
      'DELETE /crm/contact/contact_id/7': [409, { message: 'A portal user is linked to this contact' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Delete Jo Smith' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete contact' }));
    expect(requests.some((request) => request.key.startsWith('DELETE'))).toBe(false);
    await user.click(dialog.getByRole('button', { name: 'Delete' }));
    expect(await dialog.findByText('A portal user is linked to this contact')).toBeInTheDocument();
  });

  it('adds a site with the plus code of its coordinates', async () => {
    const user = userEvent.setup();
    const requests = renderCustomer('/customers/12#2', {
      'GET /crm/site/customer_id/12': [200, []],
      'PUT /crm/site/': [200, { site_id: 3, site_name: 'Depot' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Add site' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add site' }));
    await user.type(dialog.getByLabelText('Site name'), 'Depot');
    await user.type(dialog.getByLabelText('Address line 1'), 'Cattle Grid Road');
    await user.type(dialog.getByLabelText('Latitude'), '-33.8688');
    await user.type(dialog.getByLabelText('Longitude'), '151.2093');
    expect(dialog.getByTestId('location-feedback')).toHaveTextContent('4RRH46J5+FPM');
    await user.click(dialog.getByRole('button', { name: 'Add site' }));
    expect(await screen.findByText('Depot has been saved.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PUT /crm/site/').body).toMatchObject({
      customer_id: 12,
      site_name: 'Depot',
      latitude: -33.8688,
      longitude: 151.2093,
      plus_code: '4RRH46J5+FPM',
    });
  });

  it('lists every tag with its state, inactive ones included', async () => {
    renderCustomer('/customers/12#5', {
      'GET /crm/tag/customer_id/12': [
        200,
        [
          tag(),
          tag({ tag_id: 2, tag_text: 'Launch', tag_active: false, tag_active_date: '2098-01-01 00:00:00' }),
          tag({ tag_id: 3, tag_text: 'Promo', tag_active: false, tag_deactivate_date: '2024-01-01 00:00:00' }),
        ],
      ],
    });
    const status = async (text) =>
      within((await screen.findByRole('button', { name: `Edit tag ${text}` })).closest('tr'));
    expect((await status('VIP')).getByText('Active')).toBeInTheDocument();
    expect((await status('Launch')).getByText('Scheduled')).toBeInTheDocument();
    expect((await status('Promo')).getByText('Expired')).toBeInTheDocument();
  });
});

describe('overview revenue and ARPU', () => {
  const chart = () => screen.getByRole('img', { name: /^ARPU\./ });
  const heightOf = (bar) => Number(screen.getByTestId(`arpu-bar-${bar}`).getAttribute('height'));

  it('shows revenue, services and ARPU, and bars of this customer against the system average', async () => {
    const requests = renderCustomer('/customers/12');
    const cards = within(await screen.findByRole('group', { name: 'Revenue' }));
    expect(cards.getByText('Revenue').nextElementSibling).toHaveTextContent('$120.00');
    expect(cards.getByText('Services').nextElementSibling).toHaveTextContent('3');
    expect(cards.getByText('ARPU').nextElementSibling).toHaveTextContent('$40.00');
    expect(screen.getByRole('heading', { name: 'ARPU: this customer vs system average' })).toBeInTheDocument();
    expect(chart()).toHaveAccessibleName('ARPU. This customer: $40.00, System average: $20.00');
    expect(within(chart()).getByText('$40.00')).toBeInTheDocument();
    expect(within(chart()).getByText('System average')).toBeInTheDocument();
    // The larger value reaches the top; the other is drawn to the same scale.
    expect(heightOf('customer')).toBeGreaterThan(0);
    expect(heightOf('system')).toBeCloseTo(heightOf('customer') / 2);
    expect(requests.some((request) => request.key === 'GET /crm/customer/customer_id/12/arpu')).toBe(true);
  });

  it('says N/A for the ARPU of a customer without services', async () => {
    renderCustomer('/customers/12', {
      'GET /crm/customer/customer_id/12/arpu': [200, arpu({ revenue: 0, service_count: 0, arpu: 0, system_arpu: 25 })],
    });
    const cards = within(await screen.findByRole('group', { name: 'Revenue' }));
    expect(cards.getByText('ARPU').nextElementSibling).toHaveTextContent('N/A');
    expect(cards.getByText('Services').nextElementSibling).toHaveTextContent('0');
    expect(within(chart()).getByText('N/A')).toBeInTheDocument();
    expect(within(chart()).getByText('$25.00')).toBeInTheDocument();
    expect(heightOf('customer')).toBe(0);
    expect(heightOf('system')).toBeGreaterThan(0);
  });

  it('keeps the overview when the revenue cannot be read', async () => {
    renderCustomer('/customers/12', {
      'GET /crm/customer/customer_id/12/arpu': [403, { message: 'Permission denied' }],
    });
    expect(await screen.findByText('Could not load the revenue: Permission denied')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Details' })).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /^ARPU\./ })).not.toBeInTheDocument();
  });

  it('scales the bars to the larger value, and draws none when every value is 0', () => {
    expect(barHeights([40, 20], 100)).toEqual([100, 50]);
    expect(barHeights([null, 25], 100)).toEqual([0, 100]);
    expect(barHeights([0, 0], 100)).toEqual([0, 0]);
  });
});

describe('notes and activity', () => {
  const row = (fields) => ({
    activity_id: 1,
    customer_id: 12,
    service_id: null,
    object_type: 'customer',
    object_id: '12',
    action: 'customer_updated',
    description: 'Customer Acme Ltd updated',
    changes_json: null,
    user_id: 9,
    user_name: 'Carl Customer',
    impersonating_user_id: null,
    impersonating_user_name: null,
    actor: 'user:9',
    ip_address: '10.0.0.5',
    created: '2025-03-04 09:15:00',
    ...fields,
  });

  it('adds a note and lists the notes', async () => {
    const user = userEvent.setup();
    let notes = [];
    const requests = renderCustomer('/customers/12#7', {
      'GET /crm/activity/customer_id/12': () => [200, page(notes, { per_page: 10 })],
      'PUT /crm/activity/': (request) => {
        notes = [
          row({ object_type: 'note', action: 'note', description: request.body.description, user_name: 'Ada Admin' }),
        ];
        return [200, notes[0]];
      },
    });
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
    await user.type(screen.getByLabelText('New note'), '  Called about the outage  ');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(list).toHaveTextContent('Called about the outage');
    expect(list).toHaveTextContent('Ada Admin');
    expect(requests.find((request) => request.key === 'PUT /crm/activity/').body).toEqual({
      customer_id: 12,
      description: 'Called about the outage',
    });
    expect(requests.filter((request) => request.key.startsWith('GET /crm/activity')).at(-1).params).toMatchObject({
      object_type: 'note',
      page: 1,
    });
  });

  it('filters by type and opens a row with its changes and who made them', async () => {
    const user = userEvent.setup();
    const requests = renderCustomer('/customers/12#9', {
      'GET /crm/activity/customer_id/12': [
        200,
        page([
          row({
            changes_json: {
              customer_status: { old: 'Open', new: 'Suspended' },
              tax_identifier: { old: null, new: 'GB1' },
            },
            impersonating_user_id: 7,
            impersonating_user_name: 'Ada Admin',
          }),
        ]),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Customer Acme Ltd updated' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Activity details' }));
    expect(dialog.getByText('Ada Admin on behalf of Carl Customer')).toBeInTheDocument();
    const changes = within(dialog.getByRole('table', { name: 'Changes' }));
    expect(changes.getByText('customer_status').closest('tr')).toHaveTextContent('Open → Suspended');
    expect(changes.getByText('tax_identifier').closest('tr')).toHaveTextContent('— → GB1');
    await user.click(dialog.getByRole('button', { name: 'Close dialog' }));

    await user.click(
      within(screen.getByRole('tablist', { name: 'Activity type' })).getByRole('tab', { name: 'Contacts' }),
    );
    await waitFor(() =>
      expect(requests.filter((request) => request.key.startsWith('GET /crm/activity')).at(-1).params).toMatchObject({
        object_type: 'contact',
        page: 1,
        per_page: 20,
      }),
    );
  });
});
