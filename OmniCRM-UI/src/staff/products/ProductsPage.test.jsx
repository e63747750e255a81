import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import { product } from './testData';

afterEach(restoreApi);

const PRODUCTS = [
  product(),
  product({
    product_id: 2,
    product_name: 'Old Promo',
    product_slug: 'old-promo',
    category: 'promo',
    enabled: false,
    availability_status: 'disabled',
  }),
  product({
    product_id: 3,
    product_name: 'Future Boost',
    product_slug: 'future-boost',
    category: 'addon',
    availability_status: 'scheduled',
    available_from: '2099-01-01 00:00:00',
    markup_percent: null,
    setup_margin: 0,
  }),
];

function renderList(routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({ 'GET /crm/product/paginated': [200, page(PRODUCTS)], ...routes });
  render(
    <MemoryRouter initialEntries={['/products']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

// The list's own queries (not the one-off read of every service type).
const listQueries = (requests) =>
  requests.filter((request) => request.key === 'GET /crm/product/paginated' && request.params.per_page !== 500);
const rowOf = async (name) => within((await screen.findByRole('link', { name })).closest('tr'));

describe('product catalogue', () => {
  it('shows each product with its availability badge, price and margins', async () => {
    renderList();
    const mobile = await rowOf('Mobile Prepaid 20GB');
    expect(mobile.getByText('Available')).toHaveClass('badge--success');
    expect(mobile.getByText('$15.00')).toBeInTheDocument();
    expect(mobile.getByText('every 30 days')).toBeInTheDocument();
    expect(mobile.getByText('$10.00')).toBeInTheDocument();
    expect(mobile.getByText('66.67% margin')).toBeInTheDocument();
    expect(mobile.getByText('200.00% markup')).toBeInTheDocument();
    expect(mobile.getByText('setup -$1.00 (subsidised)')).toHaveClass('text--danger');
    expect((await rowOf('Old Promo')).getByText('Disabled')).toHaveClass('badge--neutral');
    const future = await rowOf('Future Boost');
    expect(future.getByText('Scheduled')).toHaveClass('badge--info');
    expect(future.getByText('— markup')).toBeInTheDocument();
  });

  it('sends the search, filters as JSON, page size and sort to the paginated endpoint', async () => {
    const user = userEvent.setup();
    const requests = renderList();
    await screen.findByText('Old Promo');
    expect(listQueries(requests)[0].params).toEqual({ page: 1, per_page: 20, sort: 'product_id', order: 'asc' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'addon');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Enabled' }), 'false');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Products per page' }), '50');
    await user.click(screen.getByRole('button', { name: /^Price/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Search products' }), 'boost');

    await waitFor(() =>
      expect(listQueries(requests).at(-1).params).toEqual({
        page: 1,
        per_page: 50,
        sort: 'retail_cost',
        order: 'asc',
        search: 'boost',
        filters: '{"category":["addon"],"enabled":[false]}',
      }),
    );
  });

  it('retires a product with enabled=false and enables a retired one', async () => {
    const user = userEvent.setup();
    const requests = renderList({
      'PATCH /crm/product/product_id/1': [200, product({ enabled: false })],
      'PATCH /crm/product/product_id/2': [200, product({ product_id: 2, enabled: true })],
    });
    await user.click(await screen.findByRole('button', { name: 'Retire Mobile Prepaid 20GB' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire product' });
    await user.click(within(dialog).getByRole('button', { name: 'Retire' }));
    expect(await screen.findByText('Mobile Prepaid 20GB is retired.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enable Old Promo' }));
    await screen.findByText('Old Promo is enabled again.');
    const patches = requests.filter((request) => request.key.startsWith('PATCH'));
    expect(patches.map((request) => [request.key, request.body])).toEqual([
      ['PATCH /crm/product/product_id/1', { enabled: false }],
      ['PATCH /crm/product/product_id/2', { enabled: true }],
    ]);
  });

  it("keeps the delete dialog open with the API's 409 message", async () => {
    const user = userEvent.setup();
    renderList({
      'DELETE /crm/product/product_id/1': [409, { message: 'Product is used by 3 services' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Delete Mobile Prepaid 20GB' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete product' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Product is used by 3 services Product is in use — disable it or set an end date instead.',
    );
  });

  it('offers clone, retire, edit and delete only with their permissions', async () => {
    renderList({}, loginBody({ permissions: ['view_product'] }));
    await screen.findByText('Old Promo');
    expect(screen.queryByRole('link', { name: 'Create Product' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Edit|Clone|Retire|Enable|Delete) / })).not.toBeInTheDocument();
  });

  it('opens the editor when a row is clicked and the clone form from Clone', async () => {
    const user = userEvent.setup();
    renderList({ 'GET /crm/product/product_id/1': [200, product()] });
    await user.click(await screen.findByRole('button', { name: 'Clone Mobile Prepaid 20GB' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clone Product' })).toBeInTheDocument();
    expect(await screen.findByLabelText('Slug')).toHaveValue('mobile-prepaid-20gb-copy');
  });
});
