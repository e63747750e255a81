import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import { page } from '../customers/testData';
import { jobDetail } from '../provisioning/testData';
import { serviceDetail, usageBlock } from './testData';
import { USAGE_POLL_MS } from './UsageTab';

afterEach(() => {
  restoreApi();
  vi.useRealTimers();
});

const ROUTES = {
  'GET /crm/service/5': [200, serviceDetail()],
  'GET /crm/service/5/cdrs': [200, page([])],
};

function renderService(entry, routes = {}, session = loginBody()) {
  return renderApp(entry, { ...ROUTES, ...routes }, session);
}

const card = (label) => within(screen.getByRole('region', { name: `${label} balance` }));
const serviceReads = (requests) => requests.filter((request) => request.key === 'GET /crm/service/5');

describe('service page', () => {
  it('shows the summary, status, dates, pricing, next renewal and the latest job', async () => {
    renderService('/services/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' })).toBeInTheDocument();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '/customers/12');
    expect(summary.getByText('Service_abc123')).toBeInTheDocument();
    expect(summary.getByText('Active')).toHaveClass('badge--success');
    const pricing = within(screen.getByRole('region', { name: 'Dates and pricing' }));
    expect(pricing.getByText('$15.00')).toBeInTheDocument();
    expect(pricing.getByText('Feb 1, 2025')).toBeInTheDocument();
    expect(pricing.getByText(/Next renewal: Feb 1, 2025 \(in 22 days\)/)).toHaveTextContent('Renewal amount: $15.00');
    expect(screen.getByRole('link', { name: 'Latest provisioning: Success' })).toHaveAttribute(
      'href',
      '/provisioning/41',
    );
  });

  it('switches auto-renew on the spot', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'PATCH /crm/service/5': [200, serviceDetail({ auto_renew: true })],
    });
    await user.click(await screen.findByRole('checkbox', { name: /Off: expires/ }));
    await waitFor(() =>
      expect(requests.find((request) => request.key === 'PATCH /crm/service/5').body).toEqual({ auto_renew: true }),
    );
  });

  it('opens the tab named by the hash and changes it from the tab row', async () => {
    const user = userEvent.setup();
    renderService('/services/5#inventory');
    const item = await screen.findByRole('link', { name: '#5001' });
    expect(item).toHaveAttribute('href', '/inventory/items/5001');
    expect(within(item.closest('tr')).getByText('8944990000000000101')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Usage' }));
    expect(current.location.hash).toBe('#usage');
  });

  it('tops up through the wizard opened on the add-ons of the service', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', { 'GET /crm/product/': [200, []] });
    const topUp = await screen.findByRole('link', { name: 'Top up' });
    expect(topUp).toHaveAttribute('href', '/services/assign?service_id=5');
    await user.click(topUp);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Add an add-on to Mobile 20GB - 07700 900123' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No compatible add-ons available' })).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'GET /crm/product/').params).toMatchObject({ category: 'addon' });
  });

  it('offers Top up only on an active service and with create_provision', async () => {
    renderService('/services/5', { 'GET /crm/service/5': [200, serviceDetail({ service_status: 'Suspended' })] });
    await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' });
    expect(screen.queryByRole('link', { name: 'Top up' })).not.toBeInTheDocument();
    cleanup();
    renderService('/services/5', {}, loginBody({ permissions: ['view_customer_service'] }));
    await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' });
    expect(screen.queryByRole('link', { name: 'Top up' })).not.toBeInTheDocument();
  });

  it('says when there is no such service', async () => {
    renderService('/services/5', { 'GET /crm/service/5': [404, { message: 'Service not found' }] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Service not found' })).toBeInTheDocument();
  });
});

describe('usage tab', () => {
  it('draws a card per balance with remaining of total, percent, colour and expiry', async () => {
    renderService('/services/5#usage');
    await screen.findByRole('region', { name: 'Data balance' });
    expect(card('Data').getByText('12.5 GB / 20 GB (62%)')).toBeInTheDocument();
    expect(card('Data').getByRole('progressbar', { name: 'Data remaining' })).toHaveAttribute('aria-valuenow', '62');
    expect(card('Data').getByRole('progressbar')).toHaveClass('usage-bar--green');
    expect(card('Data').getByText(/^Expires in \d+ days$/)).toBeInTheDocument();
    expect(card('Voice').getByText('125 min / 500 min (25%)')).toBeInTheDocument();
    expect(card('Voice').getByRole('progressbar')).toHaveClass('usage-bar--yellow');
    expect(card('Voice').getByText('Never expires')).toBeInTheDocument();
    expect(card('SMS').getByText('45 / 250 (18%)')).toBeInTheDocument();
    expect(card('SMS').getByRole('progressbar')).toHaveClass('usage-bar--red');
    expect(card('Monetary').getByText('£15.50 / £20.00 (77%)')).toBeInTheDocument();
    expect(screen.getByText(/Next renewal: Feb 1, 2025/)).toBeInTheDocument();
  });

  it('expands a card to its buckets in the order returned, expired ones marked', async () => {
    const user = userEvent.setup();
    renderService('/services/5#usage');
    await screen.findByRole('region', { name: 'Data balance' });
    await user.click(card('Data').getByRole('button', { name: 'More info' }));
    const rows = within(card('Data').getByRole('table', { name: 'Data buckets' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
      'topup_data_5GB',
      'monthly_data_20GB',
      'old_bonus',
    ]);
    expect(within(rows[0]).getByText('2.5 GB')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1.5 GB')).toBeInTheDocument();
    expect(within(rows[1]).getByText('never expires')).toBeInTheDocument();
    expect(within(rows[2]).getByText('EXPIRED')).toBeInTheDocument();
    expect(card('Data').getByText('Total remaining: 12.5 GB')).toBeInTheDocument();
    await user.click(card('Data').getByRole('button', { name: 'Less info' }));
    expect(card('Data').queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the cards the API chose, 0 / 0 and grey when the OCS has no account', async () => {
    const empty = { unit: 'GB', remaining: 0, total: 0, used: 0, percent_remaining: 0, color: 'red', buckets: [] };
    const balances = { data: empty, monetary: { ...empty, unit: 'currency', currency_symbol: '£' } };
    renderService('/services/5#usage', {
      'GET /crm/service/5': [
        200,
        serviceDetail({
          service_type: 'dongle',
          usage: usageBlock({ ocs_status: 'not_provisioned', balances, action_plans: [] }),
        }),
      ],
    });
    expect(await screen.findByText('Not provisioned in the OCS')).toBeInTheDocument();
    expect(
      screen.getAllByRole('region', { name: /balance$/ }).map((region) => region.getAttribute('aria-label')),
    ).toEqual(['Data balance', 'Monetary balance']);
    expect(card('Data').getByText('0 / 0')).toBeInTheDocument();
    expect(card('Data').getByRole('progressbar')).toHaveClass('usage-bar--none');
    expect(card('Data').queryByRole('button', { name: 'More info' })).not.toBeInTheDocument();
  });

  it(`re-reads the usage every ${USAGE_POLL_MS} ms, keeping the cards, and says when the OCS is down`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const down = usageBlock({ ocs_status: 'unreachable', last_known: true });
    down.balances.data = { ...down.balances.data, remaining: 10, percent_remaining: 50, color: 'yellow' };
    const answers = [
      [200, serviceDetail()],
      [200, serviceDetail({ usage: down })],
      [500, { message: 'Internal error' }],
      [200, serviceDetail()],
    ];
    let reads = 0;
    renderService('/services/5#usage', { 'GET /crm/service/5': () => answers[Math.min(reads++, answers.length - 1)] });
    const advance = (ms) => act(() => vi.advanceTimersByTimeAsync(ms));

    await advance(0);
    expect(reads).toBe(1);
    expect(card('Data').getByText('12.5 GB / 20 GB (62%)')).toBeInTheDocument();
    await advance(USAGE_POLL_MS);
    expect(reads).toBe(2);
    expect(screen.getByText('OCS unavailable — showing last known values')).toBeInTheDocument();
    expect(card('Data').getByText('10 GB / 20 GB (50%)')).toBeInTheDocument();
    await advance(USAGE_POLL_MS);
    expect(reads).toBe(3);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not refresh the usage: Internal error');
    expect(card('Data').getByText('10 GB / 20 GB (50%)')).toBeInTheDocument();
    await advance(USAGE_POLL_MS);
    expect(reads).toBe(4);
    expect(screen.queryByText('OCS unavailable — showing last known values')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('stops re-reading when another tab opens', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requests = renderService('/services/5#usage');
    const advance = (ms) => act(() => vi.advanceTimersByTimeAsync(ms));
    await advance(0);
    act(() => screen.getByRole('tab', { name: 'Overview' }).click());
    await advance(USAGE_POLL_MS * 3);
    expect(serviceReads(requests)).toHaveLength(1);
  });

  it('lists the usage records a page at a time and exports them as CSV', async () => {
    const user = userEvent.setup();
    const cdr = {
      setup_time: '2025-01-09T10:00:00',
      answer_time: '2025-01-09T10:00:02',
      destination: '447700900456',
      category: 'call',
      tor: '*voice',
      usage: 120000000000,
      usage_hr: '2 min',
      cost: 0.2,
    };
    const requests = renderService('/services/5#usage', {
      'GET /crm/service/5/cdrs': (request) => [
        200,
        page([cdr], { current_page: request.params.page, total_items: 25 }),
      ],
      'GET /crm/service/5/cdrs/export': [200, 'setup_time,destination\n2025-01-09T10:00:00,447700900456\n'],
    });
    const row = within((await screen.findByText('447700900456')).closest('tr'));
    expect(row.getByText('2 min')).toBeInTheDocument();
    expect(row.getByText('$0.20')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(requests.filter((request) => request.key === 'GET /crm/service/5/cdrs').at(-1).params).toEqual({
        page: 2,
        per_page: 20,
      }),
    );

    const createObjectURL = vi.fn(() => 'blob:cdrs');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(await createObjectURL.mock.calls[0][0].text()).toBe(
      'setup_time,destination\n2025-01-09T10:00:00,447700900456\n',
    );
  });
});

describe('edit, renew, cancel', () => {
  const openEdit = async (user) => {
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    return within(screen.getByRole('dialog', { name: 'Edit service' }));
  };

  it('saves what changed, with the suspension reason', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'PATCH /crm/service/5': [200, serviceDetail({ service_status: 'Suspended' })],
    });
    const dialog = await openEdit(user);
    await user.clear(dialog.getByLabelText('Service Name'));
    await user.type(dialog.getByLabelText('Service Name'), 'Work phone');
    await user.selectOptions(dialog.getByLabelText('Service Status'), 'Suspended');
    await user.selectOptions(dialog.getByLabelText('Suspension reason'), 'non_payment');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The service has been saved.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PATCH /crm/service/5').body).toEqual({
      service_name: 'Work phone',
      service_status: 'Suspended',
      suspension_reason: 'non_payment',
    });
  });

  it("shows the API's message when the OCS cannot be reached", async () => {
    const user = userEvent.setup();
    renderService('/services/5', { 'PATCH /crm/service/5': [502, { message: 'OCS unreachable' }] });
    const dialog = await openEdit(user);
    await user.selectOptions(dialog.getByLabelText('Service Status'), 'Suspended');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('OCS unreachable');
  });

  it('asks before deactivating, then follows the deprovisioning job', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'PATCH /crm/service/5': [200, { ...serviceDetail({ service_status: 'Inactive' }), provision_id: 88 }],
      'GET /crm/provision/provision_id/88': [
        200,
        jobDetail({ provision_id: 88, provisioning_status: 0, completed_count: 4 }),
      ],
    });
    const dialog = await openEdit(user);
    await user.selectOptions(dialog.getByLabelText('Service Status'), 'Inactive');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Deactivate service' }));
    expect(requests.some((request) => request.key === 'PATCH /crm/service/5')).toBe(false);
    await user.click(confirm.getByRole('button', { name: 'Deactivate' }));
    const progress = within(await screen.findByRole('dialog', { name: 'Status change' }));
    expect(await progress.findByRole('heading', { name: /Provisioning Status: Success/ })).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'PATCH /crm/service/5').body).toEqual({
      service_status: 'Inactive',
    });
  });

  it('offers to provision again when reactivating an inactive service', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'GET /crm/service/5': [200, serviceDetail({ service_status: 'Inactive' })],
      'PATCH /crm/service/5': [200, serviceDetail()],
    });
    const dialog = await openEdit(user);
    await user.selectOptions(dialog.getByLabelText('Service Status'), 'Active');
    await user.click(dialog.getByLabelText('Provision the service again in the network'));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Reactivate service' }));
    expect(confirm.getByText(/without provisioning it again/)).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Reactivate' }));
    await screen.findByText('The service has been saved.');
    expect(requests.find((request) => request.key === 'PATCH /crm/service/5').body).toEqual({
      service_status: 'Active',
      reprovision: false,
    });
  });

  it('renews now after confirmation and shows the renewal job live', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'POST /crm/service/5/renew_now': [
        200,
        { provision_id: 90, provisioning_status: 1, message: 'Provisioning job created' },
      ],
      'GET /crm/provision/provision_id/90': [200, jobDetail({ provision_id: 90, completed_count: 1 })],
    });
    await user.click(await screen.findByRole('button', { name: 'Renew Now' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Renew now' }));
    expect(confirm.getByText('Mobile Prepaid 20GB')).toBeInTheDocument();
    expect(confirm.getByText('Feb 1, 2025')).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Renew Now' }));
    const progress = within(await screen.findByRole('dialog', { name: 'Renewal of Mobile 20GB - 07700 900123' }));
    expect(
      await progress.findByRole('heading', { name: 'Provisioning Status: Running (1 of 4 tasks completed)' }),
    ).toBeInTheDocument();
    expect(progress.getByRole('list', { name: 'Tasks' })).toBeInTheDocument();
    expect(requests.some((request) => request.key === 'POST /crm/service/5/renew_now')).toBe(true);
  });

  it('removes auto-renew after confirmation', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'GET /crm/service/5': [200, serviceDetail({ auto_renew: true })],
      'DELETE /crm/service/5/auto_renew': [200, { message: 'Auto-renew removed', removed: ['AP1'] }],
    });
    await user.click(await screen.findByRole('button', { name: 'Remove auto-renew' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Remove auto-renew' }));
    expect(confirm.getByText(/will not renew automatically/)).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Remove Auto-Renew' }));
    expect(await screen.findByText('Auto-renew removed.')).toBeInTheDocument();
    expect(requests.filter((request) => request.key === 'DELETE /crm/service/5/auto_renew')).toHaveLength(1);
  });

  it('cancels with a reason, at once when ticked', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'POST /crm/service/5/cancel': [200, { service_id: 5, service_status: 'Inactive', provision_id: null }],
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel service' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Cancel service' }));
    await user.type(dialog.getByLabelText('Reason'), 'Moving abroad');
    await user.click(dialog.getByLabelText('Cancel immediately'));
    await user.click(dialog.getByRole('button', { name: 'Cancel service' }));
    expect(await screen.findByText('The service has been cancelled.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /crm/service/5/cancel').body).toEqual({
      reason: 'Moving abroad',
      immediate: true,
      when: 'now',
    });
  });

  it('schedules the cancellation for the end of the period unless ticked', async () => {
    const user = userEvent.setup();
    const requests = renderService('/services/5', {
      'POST /crm/service/5/cancel': [
        200,
        { service_id: 5, service_status: 'Pending Cancellation', scheduled_deprovision_date: '2025-02-01T00:00:00' },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Cancel service' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Cancel service' }));
    expect(dialog.getByText(/ends at the end of its current period/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Cancel service' }));
    expect(await screen.findByText('The service ends on Feb 1, 2025.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /crm/service/5/cancel').body).toEqual({
      reason: '',
      immediate: false,
      when: 'period_end',
    });
  });

  it('shows no actions to a user who may only look', async () => {
    renderService('/services/5', {}, loginBody({ permissions: ['view_customer_service'] }));
    await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' });
    ['Edit', 'Renew Now', 'Cancel service'].forEach((name) =>
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('checkbox', { name: /auto-renew|expires/i })).toBeDisabled();
    expect(screen.queryByRole('tab', { name: 'Activity' })).not.toBeInTheDocument();
  });
});
