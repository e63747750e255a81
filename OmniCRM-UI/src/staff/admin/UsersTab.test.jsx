import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import UsersTab from './UsersTab';

afterEach(restoreApi);

const person = (fields) => ({
  id: 10,
  username: 'sam',
  first_name: 'Sam',
  last_name: 'Support',
  email: 'sam@example.com',
  phone_number: '+15551234',
  roles: ['Support'],
  is_active: true,
  deleted: false,
  is_2fa_enabled: false,
  login_count: 4,
  last_login: '2026-01-10T10:00:00Z',
  ...fields,
});

const USERS = [
  person({ is_2fa_enabled: true }),
  person({ id: 11, username: 'nina', first_name: 'Nina', last_name: 'New', email: 'nina@example.com', login_count: 0, last_login: null, roles: ['Finance', 'Support'] }),
  person({ id: 12, username: 'otto', first_name: 'Otto', last_name: 'Old', email: 'otto@example.com', deleted: true }),
];
const PAGE = { data: USERS, pagination: { current_page: 1, per_page: 20, total_pages: 1, total_items: 3 } };
const ROLES = [
  { id: 1, name: 'Admin', permissions: ['admin'], user_count: 1 },
  { id: 3, name: 'Support', permissions: [], user_count: 2 },
  { id: 4, name: 'Finance', permissions: [], user_count: 1 },
];

function renderTab(routes = {}) {
  saveSession(loginBody({ roles: ['Admin'] }));
  const requests = mockApi({ 'GET /auth/users': [200, PAGE], 'GET /auth/roles': [200, ROLES], ...routes });
  render(
    <MemoryRouter>
      <UsersTab />
    </MemoryRouter>,
  );
  return requests;
}

const rowOf = async (name) => within((await screen.findByText(name)).closest('tr'));

describe('UsersTab', () => {
  it('lists users with the 2FA shield, role badges, last login and the right actions', async () => {
    renderTab();
    const sam = await rowOf('Sam Support');
    expect(sam.getByRole('img', { name: '2FA enabled' })).toBeInTheDocument();
    expect(sam.queryByRole('button', { name: /Send welcome e-mail/ })).not.toBeInTheDocument();
    expect(sam.getByRole('button', { name: 'Reset 2FA of Sam Support' })).toBeInTheDocument();

    const nina = await rowOf('Nina New');
    expect(nina.queryByRole('img', { name: '2FA enabled' })).not.toBeInTheDocument();
    expect(nina.getByRole('button', { name: 'Send welcome e-mail to Nina New' })).toBeInTheDocument();
    expect(nina.queryByRole('button', { name: /Reset 2FA/ })).not.toBeInTheDocument();
    expect(nina.getByText('Finance')).toHaveClass('badge');
    expect(nina.getByText('Never')).toBeInTheDocument();

    const otto = await rowOf('Otto Old');
    expect(otto.getByText('Deleted')).toBeInTheDocument();
    expect(otto.getByRole('button', { name: 'Restore Otto Old' })).toBeInTheDocument();
    expect(otto.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(screen.getByText('Page 1 of 1 (3 users)')).toBeInTheDocument();
  });

  it('searches through the API', async () => {
    const user = userEvent.setup();
    const requests = renderTab();
    await screen.findByText('Sam Support');
    await user.type(screen.getByRole('searchbox', { name: 'Search users' }), 'nina');
    await waitFor(() => expect(requests.at(-1).params).toEqual({ page: 1, per_page: 20, search: 'nina' }));
  });

  it('lists the deleted users through the search endpoint', async () => {
    const user = userEvent.setup();
    const requests = renderTab({
      'GET /auth/users/search': [200, { ...PAGE, data: [USERS[2]] }],
    });
    await screen.findByText('Sam Support');
    await user.click(screen.getByLabelText('Deleted users'));
    expect(await screen.findByRole('button', { name: 'Restore Otto Old' })).toBeInTheDocument();
    expect(screen.queryByText('Sam Support')).not.toBeInTheDocument();
    expect(requests.at(-1).params).toEqual({ page: 1, per_page: 20, search: undefined, filters: '{"deleted":[true]}' });
  });

  it('resets a password after a confirmation and shows the temporary password once', async () => {
    const user = userEvent.setup();
    const requests = renderTab({
      'POST /auth/users/10/admin_reset_password': [200, { temporary_password: 'Tmp!9aZ4kLm2Qx7w' }],
    });
    await user.click((await rowOf('Sam Support')).getByRole('button', { name: 'Reset password of Sam Support' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Reset password' })).getByRole('button', { name: 'Reset password' }));
    const shown = within(await screen.findByRole('dialog', { name: 'Temporary password' }));
    expect(shown.getByLabelText('Temporary password')).toHaveValue('Tmp!9aZ4kLm2Qx7w');
    expect(shown.getByText(/secure channel/)).toBeInTheDocument();
    expect(shown.getByRole('button', { name: 'Copy password' })).toBeInTheDocument();
    expect(requests.find((request) => request.key.endsWith('admin_reset_password')).body).toEqual({ force_change: true });
    await user.click(shown.getByRole('button', { name: 'Close' }));
    expect(screen.queryByDisplayValue('Tmp!9aZ4kLm2Qx7w')).not.toBeInTheDocument();
  });

  it('says "Failed to reset 2FA" when the admin reset is refused', async () => {
    const user = userEvent.setup();
    renderTab({ 'POST /2fa/admin/disable/user/10': [403, { message: 'Permission denied: requires admin' }] });
    await user.click((await rowOf('Sam Support')).getByRole('button', { name: 'Reset 2FA of Sam Support' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Reset two-factor authentication' }));
    await user.click(dialog.getByRole('button', { name: 'Reset 2FA' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('Failed to reset 2FA: Permission denied: requires admin');
  });

  it('adds a user with a temporary password and several roles', async () => {
    const user = userEvent.setup();
    const requests = renderTab({ 'POST /auth/users': [201, person({ id: 20 })] });
    await user.click(await screen.findByRole('button', { name: 'Add User' }));
    const form = within(screen.getByRole('dialog', { name: 'Add User' }));
    await user.type(form.getByLabelText('Username'), 'john.smith');
    await user.type(form.getByLabelText('First name'), 'John');
    await user.type(form.getByLabelText('Last name'), 'Smith');
    await user.type(form.getByLabelText('E-mail'), 'john@example.com');
    await user.type(form.getByLabelText('Temporary password'), 'Welcome!2026x');
    await user.click(form.getByLabelText('Support'));
    await user.click(form.getByLabelText('Finance'));
    await user.click(form.getByRole('button', { name: 'Add User' }));
    expect(await screen.findByText('John Smith has been added.')).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /auth/users').body).toEqual({
      username: 'john.smith',
      password: 'Welcome!2026x',
      send_welcome_email: false,
      first_name: 'John',
      middle_name: '',
      last_name: 'Smith',
      email: 'john@example.com',
      phone_number: '',
      role: 'Support, Finance',
    });
  });

  it('edits a user by sending only the changed fields and the new role set', async () => {
    const user = userEvent.setup();
    const requests = renderTab({ 'PUT /auth/users/11': [200, {}] });
    await user.click((await rowOf('Nina New')).getByRole('button', { name: 'Edit Nina New' }));
    const form = within(screen.getByRole('dialog', { name: 'Edit Nina New' }));
    expect(form.getByLabelText('Finance')).toBeChecked();
    await user.clear(form.getByLabelText('Phone'));
    await user.type(form.getByLabelText('Phone'), '+15559999');
    await user.click(form.getByLabelText('Finance'));
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Nina New has been saved.');
    expect(requests.find((request) => request.key === 'PUT /auth/users/11').body).toEqual({
      phone_number: '+15559999',
      roles: ['Support'],
    });
  });

  it('restores a deleted user with deleted: false', async () => {
    const user = userEvent.setup();
    const requests = renderTab({ 'PUT /auth/users/12': [200, {}] });
    await user.click((await rowOf('Otto Old')).getByRole('button', { name: 'Restore Otto Old' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Restore user' })).getByRole('button', { name: 'Restore' }));
    await screen.findByText('Otto Old has been restored and can log in again.');
    expect(requests.find((request) => request.key === 'PUT /auth/users/12').body).toEqual({ deleted: false });
  });
});
