import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../App';
import { saveSession } from '../shared/session';
import { loginBody, mockApi, restoreApi } from '../test/mockApi';
import { page } from './customers/testData';

afterEach(restoreApi);

const sidebarLinks = () =>
  screen
    .getAllByRole('link')
    .filter((link) => link.classList.contains('sidebar__link'))
    .map((link) => link.textContent);

function renderAt(path, permissions) {
  saveSession(loginBody({ roles: ['Support'], permissions }));
  mockApi({
    'GET /crm/product/paginated': [200, page([])],
    'GET /crm/inventory/': [200, page([])],
    'GET /crm/inventory/template/': [200, page([])],
  });
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

const denied = (permission) => {
  expect(screen.getByRole('heading', { name: 'Permission denied' })).toBeInTheDocument();
  expect(screen.getByText(permission, { selector: 'code' })).toBeInTheDocument();
};

describe('products and inventory by permission', () => {
  it('shows each sidebar entry only with its view permission', () => {
    renderAt('/', ['view_inventory']);
    expect(sidebarLinks()).toEqual(['Dashboard', 'Items']);
  });

  it('shows Products & Services and Templates with their view permissions', () => {
    renderAt('/', ['view_product', 'view_inventory_template']);
    expect(sidebarLinks()).toEqual(['Dashboard', 'Products & Services', 'Templates']);
  });

  it.each([
    ['/products', ['view_inventory'], 'view_product'],
    ['/products/1', ['view_inventory'], 'view_product'],
    ['/products/new', ['view_product'], 'create_product'],
    ['/inventory', ['view_product'], 'view_inventory'],
    ['/inventory/items/5', ['view_product'], 'view_inventory'],
    ['/inventory/templates', ['view_inventory'], 'view_inventory_template'],
    ['/inventory/import', ['view_inventory', 'view_inventory_template'], 'create_inventory'],
  ])('refuses %s without %s', (path, permissions, needed) => {
    renderAt(path, permissions);
    denied(needed);
  });

  it('opens the pages with their permissions', async () => {
    renderAt('/inventory/import', ['create_inventory', 'view_inventory_template']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Bulk import' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Permission denied' })).not.toBeInTheDocument();
  });
});
