import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { jobDetail } from '../provisioning/testData';
import { wallClock } from './AutoRenewalsPage';
import { renewal } from './testData';

afterEach(restoreApi);

const ORPHAN = renewal({
  action_plan_id: '9__Old_Plan__Service_gone__ActionPlan_Monthly_Renew',
  customer_id: null,
  customer_name: 'N/A',
  service_id: null,
  service_name: 'N/A',
  product_name: 'Old Plan',
  cost: 'N/A',
  service_status: 'Unknown',
  next_run_time: null,
  next_run_time_hr: '',
});

function renderPage(routes = {}, session = loginBody()) {
  return renderApp(
    '/services/auto-renewals',
    { 'GET /crm/service/auto_renewals': [200, { data: [renewal(), ORPHAN] }], ...routes },
    session,
  );
}

const reads = (requests) => requests.filter((request) => request.key === 'GET /crm/service/auto_renewals');

describe('upcoming auto-renewals', () => {
  it('lists each renewal with customer, service, product, cost, absolute and relative time, and status', async () => {
    renderPage();
    const row = within((await screen.findByRole('link', { name: 'Mobile 20GB - 07700 900123' })).closest('tr'));
    expect(row.getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '/customers/12');
    expect(row.getByText('Mobile Prepaid 20GB')).toBeInTheDocument();
    expect(row.getByText('$15.00')).toBeInTheDocument();
    expect(row.getByText('2025-02-01 00:00 +00:00')).toBeInTheDocument();
    expect(row.getByText('in 22 days')).toBeInTheDocument();
    expect(row.getByText('Active')).toHaveClass('badge--success');

    const orphan = within(screen.getByText('Old Plan').closest('tr'));
    expect(orphan.getAllByText('N/A')).toHaveLength(3);
    expect(orphan.getByText('Unknown')).toHaveClass('badge--neutral');
    expect(orphan.queryByRole('button')).not.toBeInTheDocument();
  });

  it('writes the OCS time in its own zone', () => {
    expect(wallClock('2025-02-01T00:00:00Z')).toBe('2025-02-01 00:00 UTC');
    expect(wallClock('2025-02-01T09:30:00+05:30')).toBe('2025-02-01 09:30 +05:30');
    expect(wallClock(null)).toBe('');
  });

  it('renews now after confirmation and follows the job', async () => {
    const user = userEvent.setup();
    const requests = renderPage({
      'POST /crm/service/5/renew_now': [200, { provision_id: 90, provisioning_status: 1 }],
      'GET /crm/provision/provision_id/90': [
        200,
        jobDetail({ provision_id: 90, provisioning_status: 0, completed_count: 4 }),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Renew Now' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Renew now' }));
    expect(confirm.getByText('Acme Ltd')).toBeInTheDocument();
    expect(confirm.getByText('2025-02-01 00:00 +00:00')).toBeInTheDocument();
    await user.click(confirm.getByRole('button', { name: 'Renew Now' }));
    const progress = within(await screen.findByRole('dialog', { name: 'Renewal of Mobile 20GB - 07700 900123' }));
    expect(await progress.findByRole('heading', { name: /Provisioning Status: Success/ })).toBeInTheDocument();
    await user.click(progress.getByRole('button', { name: 'Close dialog' }));
    expect(reads(requests)).toHaveLength(2);
    expect(requests.filter((request) => request.key === 'POST /crm/service/5/renew_now')).toHaveLength(1);
  });

  it('removes auto-renew after confirmation and reads the list again', async () => {
    const user = userEvent.setup();
    const requests = renderPage({
      'DELETE /crm/service/5/auto_renew': [200, { message: 'Auto-renew removed', removed: ['AP'] }],
    });
    await user.click(await screen.findByRole('button', { name: 'Remove Auto-Renew' }));
    const confirm = within(screen.getByRole('dialog', { name: 'Remove auto-renew' }));
    await user.click(confirm.getByRole('button', { name: 'Remove Auto-Renew' }));
    expect(await screen.findByText('Auto-renew removed from Mobile 20GB - 07700 900123.')).toBeInTheDocument();
    expect(reads(requests)).toHaveLength(2);
  });

  it('says the OCS is unavailable on a 502, and Refresh asks again', async () => {
    const user = userEvent.setup();
    let answer = [502, { message: 'OCS unreachable' }];
    const requests = renderPage({ 'GET /crm/service/auto_renewals': () => answer });
    expect(await screen.findByText(/OCS unavailable/)).toBeInTheDocument();
    answer = [200, { data: [renewal()] }];
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('Mobile Prepaid 20GB')).toBeInTheDocument();
    expect(screen.queryByText(/OCS unavailable/)).not.toBeInTheDocument();
    expect(reads(requests)).toHaveLength(2);
  });
});
