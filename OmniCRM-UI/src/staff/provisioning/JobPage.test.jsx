import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import JobPage from './JobPage';
import { event, jobDetail } from './testData';
import { JOB_POLL_MS } from './useJob';

afterEach(() => {
  restoreApi();
  vi.useRealTimers();
});

function renderJob(routes, { session = loginBody(), entry = '/provisioning/41' } = {}) {
  return renderApp(entry, routes, session);
}

const taskRow = (name) => screen.getByText(name, { selector: '.task__name' }).closest('li');

describe('live job view', () => {
  it('shows the events coloured by status, pending planned tasks greyed, and the progress', async () => {
    renderJob({
      'GET /crm/provision/provision_id/41': [
        200,
        jobDetail({ completed_count: 2, task_count: 4 }, [
          event({ event_number: 1, event_name: 'Create account' }),
          event({ event_number: 2, event_name: 'Assign SIM', provisioning_status: 3, provisioning_result_json: '{"msg": "SIM busy"}' }),
          event({ event_number: 3, event_name: 'Add balance', provisioning_status: 1, finished: null }),
        ]),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Provisioning Status: Running (2 of 4 tasks completed)' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '2 of 4 tasks completed' })).toHaveAttribute('value', '50');

    expect(taskRow('Create account')).toHaveClass('task--success');
    expect(within(taskRow('Create account')).getByText('OK')).toBeInTheDocument();
    expect(taskRow('Assign SIM')).toHaveClass('task--warning');
    expect(within(taskRow('Assign SIM')).getByText('Failed, ignored')).toBeInTheDocument();
    expect(taskRow('Add balance')).toHaveClass('task--running');
    expect(within(taskRow('Add balance')).getByRole('img', { name: 'Running' })).toHaveClass('spinner');
    expect(taskRow('Send welcome SMS')).toHaveClass('task--pending');
    expect(within(taskRow('Send welcome SMS')).getByText('Pending')).toBeInTheDocument();
    expect(within(taskRow('Send welcome SMS')).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getAllByRole('listitem').filter((item) => item.classList.contains('task'))).toHaveLength(4);
  });

  it('expands a row to its pretty-printed result and collapses it again', async () => {
    const user = userEvent.setup();
    renderJob({
      'GET /crm/provision/provision_id/41': [
        200,
        jobDetail({ provisioning_status: 0, finished: '2025-03-04 09:16:00' }, [
          event({ provisioning_result_json: '{"msg":"created","account":{"id":"A-1"}}' }),
        ]),
      ],
    });
    const toggle = await screen.findByRole('button', { name: /Create account/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByLabelText('Result of Create account').textContent).toBe(
      '{\n  "msg": "created",\n  "account": {\n    "id": "A-1"\n  }\n}',
    );
    await user.click(toggle);
    expect(screen.queryByLabelText('Result of Create account')).not.toBeInTheDocument();
  });

  it('labels a failed task of a successful job "handled by rescue" and shows it open', async () => {
    renderJob({
      'GET /crm/provision/provision_id/41': [
        200,
        jobDetail({ provisioning_status: 0, finished: '2025-03-04 09:16:00' }, [
          event({ event_number: 1, event_name: 'Jump to rescue', provisioning_status: 2, provisioning_result_json: '{"msg": "deprovision"}' }),
          event({ event_number: 2, event_name: 'Delete account' }),
        ]),
      ],
    });
    await screen.findByRole('heading', { name: /Provisioning Status: Success/ });
    expect(taskRow('Jump to rescue')).toHaveClass('task--danger');
    expect(within(taskRow('Jump to rescue')).getByText('Failed, handled by rescue')).toBeInTheDocument();
    expect(screen.getByLabelText('Result of Jump to rescue')).toHaveTextContent('"msg": "deprovision"');
    expect(screen.queryByRole('heading', { name: 'Provisioning failed' })).not.toBeInTheDocument();
    // The rest of the block never ran.
    expect(within(taskRow('Add balance')).getByText('Not run')).toBeInTheDocument();
  });

  it('shows the redacted variables in a collapsible section', async () => {
    renderJob({ 'GET /crm/provision/provision_id/41': [200, jobDetail({ provisioning_status: 0 })] });
    const variables = await screen.findByLabelText('Variables');
    expect(variables.closest('details')).not.toHaveAttribute('open');
    expect(variables.textContent).toContain('"api_password": "***REDACTED***"');
  });

  it('says so for an unknown job', async () => {
    renderJob({ 'GET /crm/provision/provision_id/41': [404, { message: 'Provisioning job not found' }] });
    expect(await screen.findByRole('heading', { name: 'Job not found', level: 2 })).toBeInTheDocument();
  });
});

describe('failure panel', () => {
  const fatal = event({
    event_number: 1,
    event_name: 'Fatal error',
    provisioning_status: 2,
    provisioning_result_json: JSON.stringify({
      exit_code: 4,
      stdout: 'ERROR! We were unable to read either as JSON nor YAML',
      stderr: 'Traceback: boom',
      common_causes: ['YAML syntax error: check indentation and quoting'],
      variables: { customer_id: 12 },
    }),
  });
  const failed = jobDetail(
    { provisioning_status: 2, finished: '2025-03-04 09:16:00', error_summary: 'YAML syntax error: check indentation and quoting' },
    [fatal],
  );

  it('shows the summary, exit code, common causes and the output in collapsible blocks', async () => {
    renderJob({ 'GET /crm/provision/provision_id/41': [200, failed] });
    const panel = within(
      (await screen.findByRole('heading', { name: 'Provisioning failed' })).closest('section'),
    );
    expect(panel.getByRole('alert')).toHaveTextContent('YAML syntax error: check indentation and quoting');
    expect(panel.getByText('4', { selector: 'code' })).toBeInTheDocument();
    expect(within(panel.getByRole('list', { name: 'Common causes' })).getAllByRole('listitem')).toHaveLength(1);
    const stdout = panel.getByText('Standard output (stdout)').closest('details');
    expect(stdout).not.toHaveAttribute('open');
    expect(stdout).toHaveTextContent('unable to read either as JSON nor YAML');
    expect(panel.getByText('Error output (stderr)').closest('details')).toHaveTextContent('Traceback: boom');
    expect(panel.getByText('Variables of the run (secrets redacted)').closest('details')).toHaveTextContent(
      '"customer_id": 12',
    );
  });

  it('says why a timed-out run was cut', async () => {
    renderJob({
      'GET /crm/provision/provision_id/41': [
        200,
        {
          ...failed,
          provisioning_result_json: [
            { ...fatal, provisioning_result_json: '{"reason": "timeout", "timeout_seconds": 600}' },
          ],
        },
      ],
    });
    expect(await screen.findByText(/cancelled after 600 s/)).toBeInTheDocument();
  });

  it('retries as a new job and opens it', async () => {
    const user = userEvent.setup();
    const requests = renderJob({
      'GET /crm/provision/provision_id/41': [200, failed],
      'POST /crm/provision/provision_id/41/retry': [
        200,
        { provision_id: 42, provisioning_status: 1, message: 'Provisioning job created', retry_of_provision_id: 41 },
      ],
      'GET /crm/provision/provision_id/42': [
        200,
        jobDetail({ provision_id: 42, retry_of_provision_id: 41, provisioning_status: 0 }, []),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Provisioning job #42' })).toBeInTheDocument();
    expect(current.location.pathname).toBe('/provisioning/42');
    expect(requests.filter((request) => request.key.startsWith('POST')).map((request) => request.key)).toEqual([
      'POST /crm/provision/provision_id/41/retry',
    ]);
    expect(await screen.findByRole('link', { name: 'Job #41' })).toHaveAttribute('href', '/provisioning/41');
    expect(screen.queryByRole('heading', { name: 'Provisioning failed' })).not.toBeInTheDocument();
  });

  it("keeps the job with the API's refusal of a retry", async () => {
    const user = userEvent.setup();
    renderJob({
      'GET /crm/provision/provision_id/41': [200, failed],
      'POST /crm/provision/provision_id/41/retry': [
        409,
        { message: 'Inventory item 5001 is not available (Assigned)', errors: { 'SIM Card': 'not available' } },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Inventory item 5001 is not available (Assigned)')).toBeInTheDocument();
    expect(screen.getByText('SIM Card: not available')).toBeInTheDocument();
    expect(current.location.pathname).toBe('/provisioning/41');
  });

  it('offers Retry only with create_provision', async () => {
    renderJob({ 'GET /crm/provision/provision_id/41': [200, failed] }, { session: loginBody({ permissions: ['view_provision'] }) });
    await screen.findByRole('heading', { name: 'Provisioning failed' });
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });
});

describe('polling', () => {
  it(`polls every ${JOB_POLL_MS} ms while the job runs and stops when it ends`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    saveSession(loginBody());
    const answers = [
      jobDetail({ completed_count: 1 }, [event()]),
      jobDetail({ completed_count: 2 }, [event(), event({ event_number: 2, event_name: 'Assign SIM' })]),
      jobDetail({ provisioning_status: 0, completed_count: 4, finished: '2025-03-04 09:16:00' }, [event()]),
    ];
    let polls = 0;
    mockApi({
      'GET /crm/provision/provision_id/41': () => [200, answers[Math.min(polls++, answers.length - 1)]],
    });
    render(
      <MemoryRouter initialEntries={['/provisioning/41']}>
        <Routes>
          <Route path="/provisioning/:provisionId" element={<JobPage />} />
        </Routes>
      </MemoryRouter>,
    );
    const advance = (ms) => act(() => vi.advanceTimersByTimeAsync(ms));

    await advance(0);
    expect(polls).toBe(1);
    expect(screen.getByRole('heading', { name: /Running \(1 of 4/ })).toBeInTheDocument();
    await advance(JOB_POLL_MS - 1);
    expect(polls).toBe(1);
    await advance(1);
    expect(polls).toBe(2);
    expect(screen.getByRole('heading', { name: /Running \(2 of 4/ })).toBeInTheDocument();
    await advance(JOB_POLL_MS);
    expect(polls).toBe(3);
    expect(screen.getByRole('heading', { name: 'Provisioning Status: Success (4 of 4 tasks completed)' })).toBeInTheDocument();

    await advance(JOB_POLL_MS * 10);
    expect(polls).toBe(3);
  });
});
