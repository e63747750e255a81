import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../App';
import { config } from '../../shared/config';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import ProvisioningPage from './ProvisioningPage';
import { job } from './testData';

afterEach(() => {
  restoreApi();
  vi.useRealTimers();
});

let location;
function LocationProbe() {
  location = useLocation();
  return null;
}

const JOBS = [
  job({ provision_id: 43, started: null, completed_count: 0 }),
  job({ provision_id: 42, completed_count: 3, task_count: 6 }),
  job({
    provision_id: 41,
    provisioning_status: 0,
    completed_count: 6,
    task_count: 6,
    started: '2025-03-04 09:15:00',
    finished: '2025-03-04 09:16:05',
  }),
  job({ provision_id: 40, provisioning_status: 2, customer_id: 13, customer_name: 'Bob Jones', retry_of_provision_id: 39 }),
];

function renderList(routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({ 'GET /crm/provision/': [200, page(JOBS)], ...routes });
  render(
    <MemoryRouter initialEntries={['/provisioning']}>
      <App />
      <LocationProbe />
    </MemoryRouter>,
  );
  return requests;
}

const listQueries = (requests) => requests.filter((request) => request.key === 'GET /crm/provision/');
const rowOf = async (id) => within((await screen.findByRole('link', { name: `Job ${id}` })).closest('tr'));
const sidebarLinks = () =>
  screen
    .getAllByRole('link')
    .filter((link) => link.classList.contains('sidebar__link'))
    .map((link) => link.textContent);

describe('provisioning jobs list', () => {
  it('shows each job with its customer link, playbook, status badge, progress and duration', async () => {
    renderList();
    const running = await rowOf(42);
    expect(running.getByText('Running')).toHaveClass('badge--info');
    expect(running.getByRole('progressbar', { name: '3 of 6 tasks completed' })).toHaveAttribute('value', '50');
    expect(running.getByRole('link', { name: 'Acme Ltd' })).toHaveAttribute('href', '/customers/12');
    expect(running.getByText('Mobile activation')).toBeInTheDocument();
    expect(running.getByText('mobile_activate')).toBeInTheDocument();
    expect(running.getByText('Ada Admin')).toBeInTheDocument();

    const waiting = await rowOf(43);
    expect(waiting.getByText('Waiting to start')).toBeInTheDocument();
    expect(waiting.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(waiting.getByText('—')).toBeInTheDocument();

    const done = await rowOf(41);
    expect(done.getByText('Success')).toHaveClass('badge--success');
    expect(done.getByText('1 min 5 s')).toBeInTheDocument();
    expect(done.queryByRole('progressbar')).not.toBeInTheDocument();

    const failed = await rowOf(40);
    expect(failed.getByText('Failed')).toHaveClass('badge--danger');
    expect(failed.getByText('retry of #39')).toBeInTheDocument();
  });

  it('asks newest first, then sends the status filter as JSON, the search, sort and page size', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await rowOf(42);
    expect(listQueries(requests)[0].params).toEqual({ page: 1, per_page: 20, sort: 'provision_id', order: 'desc' });

    await user.click(within(screen.getByRole('tablist', { name: 'Job status' })).getByRole('tab', { name: 'Failed' }));
    await user.click(screen.getByRole('button', { name: /^Created/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Jobs per page' }), '50');
    await user.type(screen.getByRole('searchbox', { name: 'Search jobs' }), 'acme');
    await waitFor(() =>
      expect(listQueries(requests).at(-1).params).toEqual({
        page: 1,
        per_page: 50,
        sort: 'created',
        order: 'asc',
        search: 'acme',
        filters: '{"provisioning_status":[2]}',
      }),
    );
    expect(screen.getByRole('tab', { name: 'Failed' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens the job when its row is clicked', async () => {
    const user = userEvent.setup();
    renderList({ 'GET /crm/provision/provision_id/41': [200, { ...job({ provision_id: 41, provisioning_status: 0 }), planned_tasks: [], provisioning_result_json: [] }] });
    await user.click((await rowOf(41)).getByText('1 min 5 s'));
    expect(location.pathname).toBe('/provisioning/41');
    expect(await screen.findByRole('heading', { name: /Provisioning Status: Success/ })).toBeInTheDocument();
  });

  it('is in the sidebar and open only with view_provision', async () => {
    renderList({}, loginBody({ roles: ['Support'], permissions: ['view_customer'] }));
    expect(sidebarLinks()).not.toContain('Provisioning');
    expect(screen.getByRole('heading', { name: 'Permission denied' })).toBeInTheDocument();
    expect(screen.getByText('view_provision', { selector: 'code' })).toBeInTheDocument();
  });

  it('offers "Provision a product" only with create_provision', async () => {
    renderList({}, loginBody({ roles: ['Support'], permissions: ['view_provision'] }));
    await rowOf(42);
    expect(sidebarLinks()).toContain('Provisioning');
    expect(screen.queryByRole('button', { name: 'Provision a product' })).not.toBeInTheDocument();
  });
});

describe('auto-refresh', () => {
  async function renderPolled(answers) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    saveSession(loginBody());
    let calls = 0;
    mockApi({ 'GET /crm/provision/': () => [200, page(answers[Math.min(calls++, answers.length - 1)])] });
    render(
      <MemoryRouter>
        <ProvisioningPage />
      </MemoryRouter>,
    );
    const advance = (ms) => act(() => vi.advanceTimersByTimeAsync(ms));
    await advance(0);
    return { advance, calls: () => calls };
  }

  it(`reloads every ${config.provisionPollMs} ms while a job on the page runs, and stops after`, async () => {
    const { advance, calls } = await renderPolled([[JOBS[1]], [JOBS[1]], [JOBS[2]]]);
    // The first load comes after the search box settles.
    await advance(500);
    const first = calls();
    expect(first).toBeGreaterThanOrEqual(1);
    await advance(config.provisionPollMs);
    expect(calls()).toBe(first + 1);
    await advance(config.provisionPollMs);
    expect(calls()).toBe(first + 2);
    expect(screen.getByText('Success', { selector: '.badge' })).toBeInTheDocument();
    await advance(config.provisionPollMs * 5);
    expect(calls()).toBe(first + 2);
  });

  it('does not reload a page without running jobs', async () => {
    const { advance, calls } = await renderPolled([[JOBS[2], JOBS[3]]]);
    await advance(500);
    const first = calls();
    expect(first).toBeGreaterThanOrEqual(1);
    await advance(config.provisionPollMs * 5);
    expect(calls()).toBe(first);
  });
});
