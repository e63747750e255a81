import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import { template } from '../inventory/testData';
import { product } from './testData';

afterEach(restoreApi);

const TEMPLATES = [
  template(),
  template({ inventory_template_id: 2, item: 'Mobile Number', itemtext1_label: 'Phone Number' }),
  template({ inventory_template_id: 3, item: 'Test SIM' }),
];

function renderAt(path, routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({
    'GET /crm/inventory/template/': [200, page(TEMPLATES)],
    'GET /crm/product/paginated': [200, page([product(), product({ product_id: 2, service_type: 'internet' })])],
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const preview = () => within(screen.getByTestId('pricing-preview'));
const previewValue = (label) => preview().getByText(label).closest('.details__row').querySelector('strong').textContent;

describe('product editor', () => {
  it('suggests the slug from the name until the slug is edited by hand', async () => {
    const user = userEvent.setup();
    renderAt('/products/new');
    const name = await screen.findByLabelText('Name');
    const slug = screen.getByLabelText('Slug');
    await user.type(name, 'Fibre Pro Café 1000/50');
    expect(slug).toHaveValue('fibre-pro-cafe-1000-50');

    await user.clear(slug);
    await user.type(slug, 'fibre-pro');
    await user.type(name, ' Business');
    expect(slug).toHaveValue('fibre-pro');
    expect(screen.getByText('fibre-pro-cafe-1000-50-business')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use it' }));
    expect(slug).toHaveValue('fibre-pro-cafe-1000-50-business');
    await user.type(name, 'X');
    expect(slug).toHaveValue('fibre-pro-cafe-1000-50-businessx');
  });

  it('previews margins, markup, setup margin and due today as the prices are typed', async () => {
    const user = userEvent.setup();
    renderAt('/products/new');
    const type = async (label, text) => {
      const input = await screen.findByLabelText(label);
      await user.clear(input);
      await user.type(input, text);
    };
    await type('Retail cost', '15');
    await type('Wholesale cost', '5');
    await type('Retail setup cost', '0');
    await type('Wholesale setup cost', '1');
    await type('Contract days', '30');
    expect(previewValue('Monthly margin')).toBe('$10.00');
    expect(previewValue('Markup')).toBe('200.00%');
    expect(previewValue('Margin')).toBe('66.67%');
    expect(previewValue('Setup margin')).toBe('-$1.00');
    expect(preview().getByText('subsidised activation')).toBeInTheDocument();
    expect(previewValue('Due today')).toBe('$15.00');
    expect(previewValue('Renewal')).toBe('every 30 days');

    await type('Retail setup cost', '49.90');
    expect(previewValue('Due today')).toBe('$64.90');
    await type('Wholesale cost', '0');
    expect(previewValue('Markup')).toBe('—');
  });

  it('previews the features as bullets, warns about long ones and broken lists, and checks the JSON vars', async () => {
    const user = userEvent.setup();
    renderAt('/products/new');
    const features = await screen.findByLabelText('Features');
    await user.type(features, `20GB data. Unlimited calls. ${'x'.repeat(51)}`);
    const bullets = within(screen.getByTestId('features-preview'));
    expect(bullets.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '20GB data',
      'Unlimited calls',
      'x'.repeat(51),
    ]);
    expect(bullets.getByText(/1 feature is longer than 50 characters/)).toBeInTheDocument();

    await user.clear(features);
    await user.type(features, "[['Fast. Really fast', 'Cheap'");
    expect(bullets.getByText(/Not a valid list/)).toBeInTheDocument();

    const vars = screen.getByLabelText('Playbook variables (JSON)');
    await user.type(vars, '{{"days": 30');
    expect(screen.getByTestId('json-vars-status')).toHaveTextContent(/invalid JSON/);
    await user.type(vars, '}');
    expect(screen.getByTestId('json-vars-status')).toHaveTextContent('✓ Valid JSON object');
  });

  it('creates the product with the chosen inventory templates in order, then lists it', async () => {
    const user = userEvent.setup();
    const requests = renderAt('/products/new', {
      'PUT /crm/product/': (request) => [200, product({ ...request.body, product_id: 9 })],
    });
    await user.type(await screen.findByLabelText('Name'), 'Test SIM Plan');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'bundle');
    const add = screen.getByRole('combobox', { name: 'Inventory items' });
    await waitFor(() => expect(within(add).getByRole('option', { name: 'Test SIM' })).toBeInTheDocument());
    await user.selectOptions(add, 'Test SIM');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.selectOptions(add, 'Mobile Number');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    // A template already chosen is not offered again.
    expect(within(add).queryByRole('option', { name: 'Test SIM' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move Mobile Number up' }));
    await user.type(screen.getByLabelText('Relies on'), 'mobile, 42');
    await user.click(screen.getByLabelText('Business customers'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Auto-renew' }), 'true');
    const from = screen.getByLabelText('Available from (UTC)');
    await user.type(from, '2025-06-01T09:30');
    await user.click(screen.getByRole('button', { name: 'Create Product' }));

    expect(await screen.findByText('Test SIM Plan has been created.')).toBeInTheDocument();
    const put = requests.find((request) => request.key === 'PUT /crm/product/');
    expect(put.body).toMatchObject({
      product_name: 'Test SIM Plan',
      product_slug: 'test-sim-plan',
      category: 'bundle',
      inventory_items_list: ['Mobile Number', 'Test SIM'],
      relies_on_list: ['mobile', '42'],
      residential: true,
      business: true,
      auto_renew: 'true',
      available_from: '2025-06-01 09:30:00',
      available_until: null,
      retail_cost: '0.00',
      contract_days: '0',
    });
  });

  it('shows the refusal next to its fields, and a taken slug next to the slug', async () => {
    const user = userEvent.setup();
    let answer = [400, { message: 'Invalid product', errors: { provisioning_play: 'no playbook x.yaml in plays/' } }];
    renderAt('/products/new', { 'PUT /crm/product/': () => answer });
    await user.type(await screen.findByLabelText('Name'), 'Broken');
    await user.type(screen.getByLabelText('Playbook'), 'x');
    await user.click(screen.getByRole('button', { name: 'Create Product' }));
    expect(await screen.findByText('no playbook x.yaml in plays/')).toBeInTheDocument();
    expect(screen.getByLabelText('Playbook')).toHaveAttribute('aria-invalid', 'true');

    answer = [409, { message: "The product slug 'broken' is already used" }];
    await user.click(screen.getByRole('button', { name: 'Create Product' }));
    await waitFor(() => expect(screen.getByLabelText('Slug')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText("The product slug 'broken' is already used")).toHaveLength(2);
  });

  it('sends nothing while the form itself sees a problem', async () => {
    const user = userEvent.setup();
    const requests = renderAt('/products/new');
    await user.type(await screen.findByLabelText('Name'), 'Bad');
    await user.clear(screen.getByLabelText('Slug'));
    await user.type(screen.getByLabelText('Slug'), 'bad slug');
    await user.type(screen.getByLabelText('Playbook variables (JSON)'), '[1]');
    await user.click(screen.getByRole('button', { name: 'Create Product' }));
    expect(await screen.findByText('Some fields need attention before saving.')).toBeInTheDocument();
    expect(screen.getByText('no spaces or / ? # %')).toBeInTheDocument();
    expect(requests.some((request) => request.key === 'PUT /crm/product/')).toBe(false);
  });

  it('edits with a PATCH of the changed fields only', async () => {
    const user = userEvent.setup();
    const requests = renderAt('/products/1', {
      'GET /crm/product/product_id/1': [200, product()],
      'PATCH /crm/product/product_id/1': (request) => [200, product(request.body)],
    });
    const retail = await screen.findByLabelText('Retail cost');
    expect(screen.getByRole('heading', { level: 1, name: 'Mobile Prepaid 20GB' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Chosen inventory items' })).toHaveTextContent('SIM Card');
    await user.clear(retail);
    await user.type(retail, '17.5');
    await user.click(screen.getByLabelText('Enabled'));
    await user.click(screen.getByRole('button', { name: 'Save Changes' }));
    await screen.findByText('Mobile Prepaid 20GB has been saved.');
    const patch = requests.find((request) => request.key === 'PATCH /crm/product/product_id/1');
    expect(patch.body).toEqual({ retail_cost: '17.5', enabled: false });
  });

  it('shows a product read-only without update_product', async () => {
    renderAt(
      '/products/1',
      { 'GET /crm/product/product_id/1': [200, product()] },
      loginBody({ permissions: ['view_product', 'view_inventory_template'] }),
    );
    expect(await screen.findByLabelText('Retail cost')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save Changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Clone' })).not.toBeInTheDocument();
  });
});
