import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App';
import { saveSession } from './shared/session';
import { loginBody, mockApi, restoreApi } from './test/mockApi';

afterEach(restoreApi);

const sidebarLinks = () =>
  screen
    .getAllByRole('link')
    .filter((link) => link.classList.contains('sidebar__link'))
    .map((link) => link.textContent);

function renderAt(path) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

describe('routing', () => {
  it('sends a visitor without a token from /customers to the login page', () => {
    renderAt('/customers');
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /^Sign in to / })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1, name: 'Customers' })).not.toBeInTheDocument();
  });

  it('shows /customers in the staff shell when a token is stored', async () => {
    saveSession(loginBody());
    mockApi({
      'GET /crm/customers': [200, { data: [], pagination: { current_page: 1, per_page: 20, total_pages: 0, total_items: 0 } }],
    });
    renderAt('/customers');
    expect(screen.getByRole('heading', { level: 1, name: 'Customers' })).toBeInTheDocument();
    expect(await screen.findByText('No customers found')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBeInTheDocument();
    expect(screen.queryByTestId('login-form')).not.toBeInTheDocument();
  });

  it('lists every sidebar section to an admin', () => {
    saveSession(loginBody());
    renderAt('/');
    expect(sidebarLinks()).toEqual([
      'Dashboard',
      'List',
      'Create Customer',
      'Services',
      'Auto-renewals',
      'Assign Plan',
      'Products & Services',
      'Provisioning',
      'Items',
      'Templates',
      'Transactions',
      'Invoices',
      'Cell Broadcast',
      'Users & Roles',
      'API Keys',
      'E-mail Templates',
    ]);
  });

  it('hides the items the user has no view permission for, and Administration without admin', () => {
    saveSession(loginBody({ roles: ['Support'], permissions: ['view_customer', 'view_provision'] }));
    renderAt('/');
    expect(sidebarLinks()).toEqual(['Dashboard', 'List', 'Provisioning']);
    expect(screen.queryByRole('heading', { name: 'Administration' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Billing' })).not.toBeInTheDocument();
  });

  it('refuses the customer pages to a user without view_customer', () => {
    saveSession(loginBody({ permissions: ['view_provision'] }));
    renderAt('/customers/12');
    expect(screen.getByRole('heading', { name: 'Permission denied' })).toBeInTheDocument();
    expect(screen.getByText('view_customer')).toBeInTheDocument();
  });

  it('refuses an administration page to a user without admin', () => {
    saveSession(loginBody({ permissions: ['view_customer'] }));
    renderAt('/admin/users');
    expect(screen.getByRole('heading', { name: 'Permission denied' })).toBeInTheDocument();
  });

  it('renders the public top-up page without login', () => {
    renderAt('/topup');
    expect(screen.getByRole('heading', { name: 'Top up your service' })).toBeInTheDocument();
    expect(screen.getByTestId('topup-total')).toHaveTextContent('$10.00');
    expect(screen.queryByTestId('login-form')).not.toBeInTheDocument();
  });

  it('sends a visitor without a token from /self-care to the self-care login', () => {
    renderAt('/self-care/invoices');
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Self-Care$/ })).toBeInTheDocument();
  });

  it('shows the 404 page for an unknown path', () => {
    renderAt('/no-such-page');
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no-such-page')).toBeInTheDocument();
  });
});
