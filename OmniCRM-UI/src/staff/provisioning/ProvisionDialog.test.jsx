import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import { customer, page } from '../customers/testData';
import { product } from '../products/testData';
import { jobDetail } from './testData';

afterEach(restoreApi);

const SIM_PLAN = product({ product_id: 3, retail_cost: 15, retail_setup_cost: 4.5 });
const DATA_BOOST = product({
  product_id: 4,
  product_name: 'Data Boost',
  retail_cost: 5,
  retail_setup_cost: 0,
  contract_days: 0,
  inventory_items: [],
});
const STOCK = {
  'SIM Card': [
    { inventory_id: 5001, itemtext1: '8944990000000000101', item_location: 'Depot' },
    { inventory_id: 5002, itemtext1: '8944990000000000102', item_location: null },
  ],
  'Mobile Number': [{ inventory_id: 6002, itemtext1: '+447700900123', item_location: null }],
};

const ROUTES = {
  'GET /crm/customers': (request) =>
    [200, page(request.params.search ? [customer({ customer_id: 13, customer_name: 'Bob Jones' })] : [customer()])],
  'GET /crm/product/': [200, [SIM_PLAN, DATA_BOOST]],
  'GET /crm/inventory/available': (request) => [200, { data: STOCK[request.params.item] ?? [] }],
  'GET /crm/provision/': [200, page([])],
  'GET /crm/provision/provision_id/77': [200, jobDetail({ provision_id: 77 }, [])],
};

function renderJobs(routes = {}, session = loginBody()) {
  return renderApp('/provisioning', { ...ROUTES, ...routes }, session);
}

// The dialog opened from the jobs list, with Acme Ltd (12) chosen.
async function openForAcme(user) {
  await user.click(await screen.findByRole('button', { name: 'Provision a product' }));
  const dialog = within(screen.getByRole('dialog', { name: 'Provision a product' }));
  const picker = dialog.getByLabelText('Customer');
  await within(picker).findByRole('option', { name: 'Acme Ltd (ID: 12)' });
  await user.selectOptions(picker, '12');
  return dialog;
}

const puts = (requests) => requests.filter((request) => request.key === 'PUT /crm/provision/');

describe('provision a product', () => {
  it('sends the product, customer, inventory named like the templates with integer ids, and extra variables', async () => {
    const user = userEvent.setup();
    const requests = renderJobs({
      'PUT /crm/provision/': [200, { provision_id: 77, provisioning_status: 1, message: 'Provisioning job created' }],
    });
    const dialog = await openForAcme(user);
    await user.selectOptions(await dialog.findByLabelText('Product'), '3');
    expect(requests.find((request) => request.key === 'GET /crm/product/').params).toEqual({ customer_id: '12' });

    await user.selectOptions(await dialog.findByLabelText('SIM Card'), '5002');
    await user.selectOptions(await dialog.findByLabelText('Mobile Number'), '6002');
    expect(dialog.getByRole('option', { name: '8944990000000000101 · Depot' })).toBeInTheDocument();
    expect(within(dialog.getByLabelText('Charges')).getByText('$19.50')).toBeInTheDocument();

    await user.click(dialog.getByRole('button', { name: 'Add variable' }));
    await user.type(dialog.getByLabelText('Variable 1 name'), 'apn');
    await user.type(dialog.getByLabelText('Variable 1 value'), 'internet');
    await user.click(dialog.getByRole('button', { name: 'Provision' }));

    await waitFor(() => expect(current.location.pathname).toBe('/provisioning/77'));
    expect(puts(requests).map((request) => request.body)).toEqual([
      { product_id: 3, customer_id: 12, 'SIM Card': 5002, 'Mobile Number': 6002, apn: 'internet' },
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Provisioning job #77' })).toBeInTheDocument();
  });

  it('says "No inventory available" and sends nothing while a selection is missing', async () => {
    const user = userEvent.setup();
    const requests = renderJobs({
      'GET /crm/inventory/available': (request) =>
        [200, { data: request.params.item === 'SIM Card' ? [] : STOCK[request.params.item] }],
    });
    const dialog = await openForAcme(user);
    await user.selectOptions(await dialog.findByLabelText('Product'), '3');
    expect(await dialog.findByText('No inventory available')).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Provision' }));
    expect(await dialog.findByText('Choose a SIM Card')).toBeInTheDocument();
    expect(dialog.getByText('Choose a Mobile Number', { selector: '.field__error' })).toBeInTheDocument();
    expect(puts(requests)).toHaveLength(0);
  });

  it("shows the API's message and field errors in the dialog", async () => {
    const user = userEvent.setup();
    renderJobs({
      'PUT /crm/provision/': [
        409,
        { message: 'Inventory item 5001 is not available (Assigned)', errors: { 'SIM Card': 'not available', apn: 'bad' } },
      ],
    });
    const dialog = await openForAcme(user);
    await user.selectOptions(await dialog.findByLabelText('Product'), '3');
    await user.selectOptions(await dialog.findByLabelText('SIM Card'), '5001');
    await user.selectOptions(await dialog.findByLabelText('Mobile Number'), '6002');
    await user.click(dialog.getByRole('button', { name: 'Provision' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('Inventory item 5001 is not available (Assigned)');
    expect(dialog.getByText('not available', { selector: '.field__error' })).toBeInTheDocument();
    expect(dialog.getByText('apn: bad')).toBeInTheDocument();
    expect(current.location.pathname).toBe('/provisioning');
  });

  it('shows the amount due today for a product without inventory', async () => {
    const user = userEvent.setup();
    const requests = renderJobs({
      'PUT /crm/provision/': [200, { provision_id: 77, provisioning_status: 1 }],
    });
    const dialog = await openForAcme(user);
    await user.selectOptions(await dialog.findByLabelText('Product'), '4');
    expect(within(dialog.getByLabelText('Charges')).getByText('$5.00')).toBeInTheDocument();
    expect(dialog.queryByRole('combobox', { name: 'SIM Card' })).not.toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Provision' }));
    await waitFor(() => expect(current.location.pathname).toBe('/provisioning/77'));
    expect(puts(requests)[0].body).toEqual({ product_id: 4, customer_id: 12 });
  });

  it('finds the customer first, then offers what that customer may buy', async () => {
    const user = userEvent.setup();
    const requests = renderJobs({
      'PUT /crm/provision/': [200, { provision_id: 77, provisioning_status: 1 }],
    });
    await user.click(await screen.findByRole('button', { name: 'Provision a product' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Provision a product' }));
    await user.type(dialog.getByLabelText('Find customer'), 'bob');
    const picker = dialog.getByLabelText('Customer');
    await within(picker).findByRole('option', { name: 'Bob Jones (ID: 13)' });
    await user.selectOptions(picker, '13');
    await user.selectOptions(await dialog.findByLabelText('Product'), '4');
    expect(requests.filter((request) => request.key === 'GET /crm/product/').at(-1).params).toEqual({
      customer_id: '13',
    });
    await user.click(dialog.getByRole('button', { name: 'Provision' }));
    await waitFor(() => expect(current.location.pathname).toBe('/provisioning/77'));
    expect(puts(requests)[0].body).toEqual({ product_id: 4, customer_id: 13 });
  });
});
