import { describe, expect, it } from 'vitest';
import {
  eventStatus,
  fatalDetails,
  formatDuration,
  jobDurationMs,
  jobProgress,
  jobStatus,
  mergeTasks,
  prettyJson,
  progressText,
} from './jobStatus';
import { dueToday, provisionRequest } from './provisionRequest';
import { event, job } from './testData';

describe('job status', () => {
  it('maps 0, 1 and 2 to Success, Running and Failed badges', () => {
    expect(jobStatus(job({ provisioning_status: 0 }))).toEqual({ label: 'Success', kind: 'success' });
    expect(jobStatus(job({ provisioning_status: 1 }))).toEqual({ label: 'Running', kind: 'info' });
    expect(jobStatus(job({ provisioning_status: 2 }))).toEqual({ label: 'Failed', kind: 'danger' });
  });

  it('says "Waiting to start" for a running job no worker has taken', () => {
    expect(jobStatus(job({ provisioning_status: 1, started: null })).label).toBe('Waiting to start');
  });
});

describe('event status', () => {
  const tone = (status, jobStatusValue, fields = {}) =>
    eventStatus(event({ provisioning_status: status, ...fields }), jobStatusValue);

  it('colours ok green, running blue, failed red and ignored orange', () => {
    expect(tone(0, 1)).toMatchObject({ label: 'OK', tone: 'success' });
    expect(tone(1, 1)).toMatchObject({ label: 'Running', tone: 'running' });
    expect(tone(2, 2)).toMatchObject({ label: 'Failed', tone: 'danger' });
    expect(tone(3, 0)).toMatchObject({ label: 'Failed, ignored', tone: 'warning' });
  });

  it('labels a failure in a job that ended well "handled by rescue", and only there', () => {
    expect(tone(2, 0)).toMatchObject({ label: 'Failed, handled by rescue', tone: 'danger' });
    expect(tone(2, 1).label).toBe('Failed');
    expect(tone(2, 2).label).toBe('Failed');
  });

  it('shows a skipped task as Skipped and a task left running in an ended job as not finished', () => {
    expect(tone(0, 0, { provisioning_result_json: '{"skipped": true, "skip_reason": "false"}' }).label).toBe('Skipped');
    expect(tone(1, 2)).toMatchObject({ label: 'Did not finish', tone: 'danger' });
  });
});

describe('merging planned tasks with events', () => {
  const planned = ['Create account', 'Assign SIM', 'Add balance'];
  const names = (rows) => rows.map((row) => [row.name, row.state]);

  it('lists the events in order and the planned tasks without an event as pending', () => {
    const rows = mergeTasks(planned, [event({ event_number: 1, event_name: 'Create account' })], 1);
    expect(names(rows)).toEqual([
      ['Create account', 'event'],
      ['Assign SIM', 'pending'],
      ['Add balance', 'pending'],
    ]);
    expect(rows[0].event.event_number).toBe(1);
  });

  it('keeps events the plan does not name (rescue, fatal error) and marks the rest not run once the job ends', () => {
    const rows = mergeTasks(
      planned,
      [
        event({ event_number: 1, event_name: 'Create account' }),
        event({ event_number: 2, event_name: 'Assign SIM', provisioning_status: 2 }),
        event({ event_number: 3, event_name: 'Roll back account' }),
      ],
      2,
    );
    expect(names(rows)).toEqual([
      ['Create account', 'event'],
      ['Assign SIM', 'event'],
      ['Roll back account', 'event'],
      ['Add balance', 'not_run'],
    ]);
  });

  it('stops counting on pending tasks as soon as a task failed, even while the job still runs its rescue', () => {
    const rows = mergeTasks(planned, [event({ event_name: 'Create account', provisioning_status: 2 })], 1);
    expect(rows.slice(1).map((row) => row.state)).toEqual(['not_run', 'not_run']);
  });

  it('matches a task name given twice in order', () => {
    const rows = mergeTasks(['Wait', 'Check', 'Wait'], [event({ event_number: 1, event_name: 'Wait' })], 1);
    expect(names(rows)).toEqual([
      ['Wait', 'event'],
      ['Check', 'pending'],
      ['Wait', 'pending'],
    ]);
  });

  it('shows every event when the playbook has no planned tasks', () => {
    const rows = mergeTasks([], [event({ event_name: 'Fatal error', provisioning_status: 2 })], 2);
    expect(names(rows)).toEqual([['Fatal error', 'event']]);
  });
});

describe('progress', () => {
  it('is completed_count of task_count', () => {
    expect(jobProgress(job({ completed_count: 3, task_count: 6 }))).toEqual({ completed: 3, total: 6, value: 0.5 });
    expect(progressText(job({ completed_count: 3, task_count: 6 }))).toBe('3 of 6 tasks completed');
  });

  it('is unknown without a task count, and full for a job that succeeded without its rescue tasks', () => {
    expect(jobProgress(job({ task_count: 0, completed_count: 0 })).value).toBeNull();
    expect(jobProgress(job({ provisioning_status: 0, completed_count: 4, task_count: 6 })).value).toBe(1);
    expect(jobProgress(job({ provisioning_status: 2, completed_count: 2, task_count: 8 })).value).toBe(0.25);
  });

  it('measures the run from start to finish, or to now while it runs', () => {
    const done = job({ started: '2025-03-04 09:15:00', finished: '2025-03-04 09:16:05' });
    expect(formatDuration(jobDurationMs(done))).toBe('1 min 5 s');
    const now = Date.parse('2025-03-04T09:15:12Z');
    expect(formatDuration(jobDurationMs(job({ started: '2025-03-04 09:15:00' }), now))).toBe('12 s');
    expect(formatDuration(jobDurationMs(job({ started: null })))).toBe('—');
  });
});

describe('results', () => {
  it('pretty-prints result JSON and leaves other text as it is', () => {
    expect(prettyJson('{"msg":"ok","rc":0}')).toBe('{\n  "msg": "ok",\n  "rc": 0\n}');
    expect(prettyJson('plain text')).toBe('plain text');
  });

  it('reads the fatal error details of the Fatal error event only', () => {
    const fatal = event({
      event_name: 'Fatal error',
      provisioning_status: 2,
      provisioning_result_json: JSON.stringify({ exit_code: 4, common_causes: ['YAML syntax error'] }),
    });
    expect(fatalDetails(fatal)).toEqual({ exit_code: 4, common_causes: ['YAML syntax error'] });
    expect(fatalDetails(event())).toBeNull();
  });
});

describe('provision request', () => {
  const product = { product_id: 3, retail_cost: 15, retail_setup_cost: 4.5, inventory_items: ['SIM Card', 'Mobile Number'] };

  it('names inventory keys exactly like the templates, with integer ids, and adds extra variables', () => {
    const { body, problems } = provisionRequest({
      customerId: '12',
      product,
      inventory: { 'SIM Card': '5001', 'Mobile Number': '6002' },
      variables: [
        { key: ' apn ', value: 'internet' },
        { key: '', value: '' },
      ],
    });
    expect(problems).toEqual({});
    expect(body).toEqual({ product_id: 3, customer_id: 12, 'SIM Card': 5001, 'Mobile Number': 6002, apn: 'internet' });
  });

  it('refuses a missing selection, reserved or duplicate variable names', () => {
    const { problems } = provisionRequest({
      customerId: '12',
      product,
      inventory: { 'SIM Card': '5001' },
      variables: [
        { key: 'customer_id', value: '9' },
        { key: 'apn', value: 'a' },
        { key: 'apn', value: 'b' },
        { key: '', value: 'orphan' },
      ],
    });
    expect(problems).toEqual({
      'Mobile Number': 'Choose a Mobile Number',
      'variables.0': 'customer_id is set by the system',
      'variables.2': 'apn is given twice',
      'variables.3': 'Name the variable',
    });
  });

  it('charges setup plus the first period today', () => {
    expect(dueToday(product)).toBe(19.5);
  });
});
