import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../../test/mockApi';
import { renderApp } from '../../../test/renderApp';
import { serviceDetail } from '../testData';
import { usageSeconds } from './ocs';

afterEach(restoreApi);

const PROFILE = {
  Tenant: 'cgrates.org',
  ID: 'ATTR_ACCOUNT_Service_abc123',
  Contexts: ['*any'],
  FilterIDs: [],
  Attributes: [
    { FilterIDs: [], Path: '*req.Account', Type: '*constant', Value: [{ Rules: 'Service_abc123' }] },
    { FilterIDs: [], Path: '*req.MaxBitrateDL', Type: '*constant', Value: [{ Rules: '1000' }, { Rules: '2000' }] },
  ],
  Weight: 10,
};
const FILTER = {
  Tenant: 'cgrates.org',
  ID: 'FLTR_ACCOUNT_Service_abc123',
  Rules: [{ Type: '*string', Element: '~*req.Account', Values: ['Service_abc123'] }],
};
const SESSION = {
  CGRID: 'cgr-1',
  Account: 'Service_abc123',
  SetupTime: '2025-01-10T14:30:03Z',
  Usage: 90_000_000_000,
  Destination: '447700900999',
  Category: 'call',
};

const reply = (result, error = null) => [200, { id: 1, result, error }];

// The OCS proxy answering each method from `answers` (a reply, or a function of the request body).
function proxy(answers) {
  return (request) => {
    const answer = answers[request.body.method] ?? reply(null, `rpc: can't find method ${request.body.method}`);
    return typeof answer === 'function' ? answer(request.body) : answer;
  };
}

const READS = {
  'APIerSv1.GetAttributeProfile': reply(PROFILE),
  'APIerSv1.GetFilter': reply(FILTER),
  'SessionSv1.GetActiveSessions': reply([SESSION]),
};

function renderTab(answers = {}, session = loginBody()) {
  return renderApp(
    '/services/5#cgrates',
    { 'GET /crm/service/5': [200, serviceDetail()], 'POST /crm/ocs/proxy': proxy({ ...READS, ...answers }) },
    session,
  );
}

const calls = (requests, method) =>
  requests.filter((request) => request.key === 'POST /crm/ocs/proxy' && request.body.method === method);
const header = (name) => screen.getByRole('button', { name: new RegExp(`^${name}`) });
const section = (name) => within(screen.getByRole('region', { name }));

// Fills row `row` ("Attribute 2") of an editor: [label, text] pairs typed, Type chosen.
async function fillRow(user, dialog, row, { type, ...typed }) {
  for (const [label, text] of Object.entries(typed)) {
    await user.type(dialog.getByLabelText(`${row} ${label}`), text);
  }
  if (type) await user.selectOptions(dialog.getByLabelText(`${row} Type`), type);
}

// Save refused before any call to `method`, with `reasons` under the inputs.
async function expectRefused(dialog, requests, method, reasons) {
  expect(await dialog.findByText('Check the highlighted fields')).toBeInTheDocument();
  reasons.forEach((reason) => expect(dialog.getByText(reason)).toBeInTheDocument());
  expect(calls(requests, method)).toHaveLength(0);
}

async function expand(name) {
  const button = await screen.findByRole('button', { name: new RegExp(`^${name}`) });
  await userEvent.setup().click(button);
  return section(name);
}

describe('CGRateS tab', () => {
  it('is shown only with cgrates_api_access', async () => {
    renderTab({}, loginBody({ permissions: ['view_customer_service'] }));
    await screen.findByRole('heading', { level: 1, name: 'Mobile 20GB - 07700 900123' });
    expect(screen.queryByRole('tab', { name: 'CGRateS' })).not.toBeInTheDocument();
  });

  it('warns that changes affect charging, and counts attributes and filter rules in collapsed sections', async () => {
    const requests = renderTab({}, loginBody({ permissions: ['view_customer_service', 'cgrates_api_access'] }));
    expect(await screen.findByRole('tab', { name: 'CGRateS' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText(/wrong values affect how this service is\s+charged/)).toBeInTheDocument();
    await waitFor(() => expect(header('Attributes')).toHaveTextContent('Attributes2'));
    await waitFor(() => expect(header('Filters')).toHaveTextContent('Filters1'));
    for (const name of ['Attributes', 'Filters', 'Active sessions']) {
      expect(header(name)).toHaveAttribute('aria-expanded', 'false');
    }
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(calls(requests, 'APIerSv1.GetAttributeProfile')[0].body).toEqual({
      method: 'APIerSv1.GetAttributeProfile',
      params: [{ ID: 'ATTR_ACCOUNT_Service_abc123' }],
      customer_id: 12,
      service_id: 5,
    });
    expect(calls(requests, 'APIerSv1.GetFilter')[0].body.params).toEqual([{ ID: 'FLTR_ACCOUNT_Service_abc123' }]);
    // Sessions are read only when their section opens.
    expect(calls(requests, 'SessionSv1.GetActiveSessions')).toHaveLength(0);
  });
});

describe('attributes', () => {
  it('lists the rows, edits them, refuses blank Path and Type before any call, then saves the whole profile', async () => {
    const user = userEvent.setup();
    let saved = PROFILE;
    const requests = renderTab({
      'APIerSv1.GetAttributeProfile': () => reply(saved),
      'APIerSv1.SetAttributeProfile': (body) => {
        saved = { ...body.params[0], Tenant: 'cgrates.org' };
        return reply('OK');
      },
    });
    await waitFor(() => expect(header('Attributes')).toHaveTextContent('Attributes2'));
    const attributes = await expand('Attributes');
    expect(within(attributes.getByText('*req.MaxBitrateDL').closest('tr')).getByText('1000, 2000')).toBeInTheDocument();

    await user.click(attributes.getByRole('button', { name: 'Edit Attributes' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Attributes' }));
    expect(dialog.getByLabelText('Attribute 2 Path')).toHaveValue('*req.MaxBitrateDL');
    expect(dialog.getByLabelText('Attribute 2 Value rules (one a line)')).toHaveValue('1000\n2000');
    await user.click(dialog.getByRole('button', { name: 'Remove attribute 1' }));
    await user.click(dialog.getByRole('button', { name: 'Add attribute' }));
    await user.click(dialog.getByRole('button', { name: 'Save Attributes' }));
    await expectRefused(dialog, requests, 'APIerSv1.SetAttributeProfile', ['Path is required', 'Type is required']);

    await fillRow(user, dialog, 'Attribute 2', {
      Path: '*req.IMSI',
      type: '*variable',
      'Value rules (one a line)': '~*req.Subject',
    });
    await user.click(dialog.getByRole('button', { name: 'Save Attributes' }));

    expect(await attributes.findByText('Attributes saved.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls(requests, 'APIerSv1.SetAttributeProfile').map((request) => request.body)).toEqual([
      {
        method: 'APIerSv1.SetAttributeProfile',
        params: [
          {
            ID: 'ATTR_ACCOUNT_Service_abc123',
            Contexts: ['*any'],
            FilterIDs: [],
            Attributes: [
              { Path: '*req.MaxBitrateDL', Type: '*constant', Value: [{ Rules: '1000' }, { Rules: '2000' }] },
              { Path: '*req.IMSI', Type: '*variable', Value: [{ Rules: '~*req.Subject' }] },
            ],
            Weight: 10,
          },
        ],
        customer_id: 12,
        service_id: 5,
      },
    ]);
    expect(await attributes.findByText('*req.IMSI')).toBeInTheDocument();
    expect(header('Attributes')).toHaveTextContent('Attributes2');
    expect(calls(requests, 'APIerSv1.GetAttributeProfile')).toHaveLength(2);
  });

  it('starts from an empty form when CGRateS has no profile (NOT_FOUND)', async () => {
    const user = userEvent.setup();
    const requests = renderTab({
      'APIerSv1.GetAttributeProfile': reply(null, 'NOT_FOUND'),
      'APIerSv1.SetAttributeProfile': reply('OK'),
    });
    await waitFor(() => expect(header('Attributes')).toHaveTextContent('Attributes0'));
    const attributes = await expand('Attributes');
    expect(attributes.getByText('No attributes')).toBeInTheDocument();
    await user.click(attributes.getByRole('button', { name: 'Edit Attributes' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Attributes' }));
    await user.click(dialog.getByRole('button', { name: 'Add attribute' }));
    await fillRow(user, dialog, 'Attribute 1', {
      Path: '*req.Account',
      type: '*constant',
      'Value rules (one a line)': 'Service_abc123',
    });
    await user.click(dialog.getByRole('button', { name: 'Save Attributes' }));
    await waitFor(() => expect(calls(requests, 'APIerSv1.SetAttributeProfile')).toHaveLength(1));
    expect(calls(requests, 'APIerSv1.SetAttributeProfile')[0].body.params[0].Attributes).toEqual([
      { Path: '*req.Account', Type: '*constant', Value: [{ Rules: 'Service_abc123' }] },
    ]);
  });

  it("shows CGRateS' error and keeps the dialog open", async () => {
    const user = userEvent.setup();
    renderTab({ 'APIerSv1.SetAttributeProfile': reply(null, 'MANDATORY_IE_MISSING: [Attributes]') });
    const attributes = await expand('Attributes');
    await user.click(await attributes.findByRole('button', { name: 'Edit Attributes' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Attributes' }));
    await user.click(dialog.getByRole('button', { name: 'Save Attributes' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('CGRateS: MANDATORY_IE_MISSING: [Attributes]');
  });

  it('shows a read error of CGRateS in the section', async () => {
    renderTab({ 'APIerSv1.GetAttributeProfile': reply(null, 'SERVER_ERROR: timeout') });
    const attributes = await expand('Attributes');
    expect(await attributes.findByRole('alert')).toHaveTextContent('CGRateS: SERVER_ERROR: timeout');
    expect(header('Attributes')).toHaveTextContent('Attributes…');
  });
});

describe('filters', () => {
  it('requires Element and Type, and Values except for *empty, *exists and *notexists', async () => {
    const user = userEvent.setup();
    const requests = renderTab({ 'APIerSv1.SetFilter': reply('OK') });
    const filters = await expand('Filters');
    expect(await filters.findByText('~*req.Account')).toBeInTheDocument();
    await user.click(filters.getByRole('button', { name: 'Edit Filters' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Filters' }));
    expect(dialog.getByLabelText('Rule 1 Values (one a line)')).toHaveValue('Service_abc123');
    await user.click(dialog.getByRole('button', { name: 'Add rule' }));
    await user.click(dialog.getByRole('button', { name: 'Add rule' }));
    await fillRow(user, dialog, 'Rule 2', { Element: '~*req.Destination', type: '*prefix' });
    await user.click(dialog.getByRole('button', { name: 'Save Filters' }));
    await expectRefused(dialog, requests, 'APIerSv1.SetFilter', [
      '*prefix needs a value',
      'Element is required',
      'Type is required',
    ]);

    await fillRow(user, dialog, 'Rule 2', { 'Values (one a line)': '44{Enter}33' });
    await fillRow(user, dialog, 'Rule 3', { Element: '~*req.IMSI', type: '*exists' });
    await user.click(dialog.getByRole('button', { name: 'Save Filters' }));
    expect(await filters.findByText('Filters saved.')).toBeInTheDocument();
    expect(calls(requests, 'APIerSv1.SetFilter')[0].body.params).toEqual([
      {
        ID: 'FLTR_ACCOUNT_Service_abc123',
        Rules: [
          { Type: '*string', Element: '~*req.Account', Values: ['Service_abc123'] },
          { Type: '*prefix', Element: '~*req.Destination', Values: ['44', '33'] },
          { Type: '*exists', Element: '~*req.IMSI', Values: [] },
        ],
      },
    ]);
  });
});

describe('active sessions', () => {
  it('reads the sessions of the account when opened and on Refresh, with their details', async () => {
    const user = userEvent.setup();
    const requests = renderTab();
    const sessions = await expand('Active sessions');
    const row = within((await sessions.findByText('447700900999')).closest('tr'));
    expect(row.getByText('90 s')).toBeInTheDocument();
    expect(header('Active sessions')).toHaveTextContent('Active sessions1');
    expect(calls(requests, 'SessionSv1.GetActiveSessions').map((request) => request.body.params)).toEqual([
      [{ Filters: ['*string:~*req.Account:Service_abc123'] }],
    ]);

    await user.click(sessions.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(calls(requests, 'SessionSv1.GetActiveSessions')).toHaveLength(2));

    await user.click(row.getByRole('button', { name: 'View Details' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Session details' }));
    expect(dialog.getByText('CGRID').nextElementSibling).toHaveTextContent('cgr-1');
    expect(dialog.getByText('Category').nextElementSibling).toHaveTextContent('call');
    expect(JSON.parse(dialog.getByLabelText('Session JSON').textContent)).toEqual(SESSION);
  });

  it('says there are none when CGRateS answers NOT_FOUND', async () => {
    renderTab({ 'SessionSv1.GetActiveSessions': reply(null, 'NOT_FOUND') });
    const sessions = await expand('Active sessions');
    expect(await sessions.findByText('No active sessions')).toBeInTheDocument();
    expect(header('Active sessions')).toHaveTextContent('Active sessions0');
  });

  it('shows usage in seconds', () => {
    expect(usageSeconds(1_500_000_000)).toBe('1.5 s');
    expect(usageSeconds(null)).toBe('—');
    expect(usageSeconds('1m30s')).toBe('1m30s');
  });
});
