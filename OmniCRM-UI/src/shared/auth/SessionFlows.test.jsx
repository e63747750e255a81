import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { getAccessToken, getRefreshToken, getSession, saveSession } from '../session';

afterEach(restoreApi);

const PROFILE = { first_name: 'Ada', last_name: 'Admin', email: 'ada@example.com', phone_number: '' };

function renderAt(path) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

async function chooseNewPassword(user, password = 'N3w!Passw0rd') {
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm password'), password);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('forced password change', () => {
  it('redirects to the change-password page on 403 "Password change required"', async () => {
    const user = userEvent.setup();
    saveSession(loginBody({ token: 'temp' }));
    const requests = mockApi({
      'GET /crm/profile': (request) =>
        request.headers.Authorization === 'Bearer temp'
          ? [403, { message: 'Password change required' }]
          : [200, PROFILE],
      'GET /2fa/status/user/7': [200, { is_2fa_enabled: false, backup_codes_remaining: 0 }],
      'POST /auth/change_password': [200, { message: 'Password changed', token: 'fresh', refresh_token: 'refresh-2' }],
      'GET /crm/customers': [200, { data: [], pagination: { current_page: 1, per_page: 20, total_pages: 0, total_items: 0 } }],
    });
    renderAt('/profile');

    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Logout' })).toBeInTheDocument();

    await chooseNewPassword(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Customers' })).toBeInTheDocument();
    const change = requests.find((request) => request.key === 'POST /auth/change_password');
    expect(change.body).toEqual({ new_password: 'N3w!Passw0rd' });
    expect(change.headers.Authorization).toBe('Bearer temp');
    expect(getAccessToken()).toBe('fresh');
    expect(getRefreshToken()).toBe('refresh-2');
    expect(getSession().user.must_change_password).toBe(false);
    expect(requests.map((request) => request.key)).not.toContain('POST /crm/auth/refresh');
  });

  it('keeps a user who must change the password away from the other pages', () => {
    saveSession(loginBody({ user: { must_change_password: true } }));
    renderAt('/customers');
    expect(screen.getByTestId('change-password-form')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1, name: 'Customers' })).not.toBeInTheDocument();
  });

  it('refuses a new password that breaks the policy without calling the API', async () => {
    const user = userEvent.setup();
    saveSession(loginBody({ user: { must_change_password: true } }));
    const requests = mockApi({});
    renderAt('/change-password');
    await chooseNewPassword(user, 'password1');
    expect(screen.getByRole('alert')).toHaveTextContent('The password does not meet the requirements');
    expect(screen.getByRole('list', { name: 'Password requirements' })).toHaveTextContent(
      'An uppercase letter (missing)',
    );
    expect(requests).toEqual([]);
  });
});

describe('voluntary password change', () => {
  it('asks for the current password, confirms the change and goes on with the new tokens', async () => {
    const user = userEvent.setup();
    saveSession(loginBody());
    const requests = mockApi({
      'POST /auth/change_password': [200, { message: 'Password changed', token: 'access-2', refresh_token: 'refresh-2' }],
    });
    renderAt('/change-password');
    expect(screen.getByRole('heading', { name: 'Change password' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Current password'), 'Old!Passw0rd');
    await chooseNewPassword(user);
    expect(await screen.findByText('Your password has been changed.')).toBeInTheDocument();
    expect(requests.map((request) => request.key)).toEqual(['POST /auth/change_password']);
    expect(requests[0].body).toEqual({ current_password: 'Old!Passw0rd', new_password: 'N3w!Passw0rd' });
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-2');
    expect(screen.getByRole('link', { name: 'Back to my account' })).toHaveAttribute('href', '/profile');
  });

  it('keeps the session and says why when the current password is wrong', async () => {
    const user = userEvent.setup();
    saveSession(loginBody());
    mockApi({
      'POST /auth/change_password': [
        400,
        { message: 'Current password is incorrect', errors: { current_password: 'incorrect' } },
      ],
    });
    renderAt('/change-password');
    await user.type(screen.getByLabelText('Current password'), 'Wrong!Passw0rd');
    await chooseNewPassword(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Current password is incorrect');
    expect(screen.queryByText('Your password has been changed.')).not.toBeInTheDocument();
    expect(getAccessToken()).toBe('access-1');
    expect(getRefreshToken()).toBe('refresh-1');
  });
});

describe('expired session', () => {
  it('goes to the login page with a notice when the refresh is refused', async () => {
    saveSession(loginBody());
    mockApi({
      'GET /crm/profile': [401, { message: 'Token expired' }],
      'GET /2fa/status/user/7': [401, { message: 'Token expired' }],
      'POST /crm/auth/refresh': [401, { message: 'Refresh token expired' }],
    });
    renderAt('/profile');
    expect(await screen.findByTestId('login-form')).toHaveTextContent(
      'Your session has expired. Please log in again.',
    );
    expect(getAccessToken()).toBeNull();
  });
});

describe('impersonation', () => {
  const carl = {
    id: 9,
    username: 'carl',
    first_name: 'Carl',
    last_name: 'Customer',
    email: 'carl@example.com',
    roles: ['Customer'],
    is_active: true,
    deleted: false,
    is_2fa_enabled: false,
    login_count: 3,
    last_login: null,
  };

  it('acts as the user behind a banner and returns to the staff session on Stop', async () => {
    const user = userEvent.setup();
    saveSession(loginBody({ roles: ['Admin'] }));
    const requests = mockApi({
      'GET /auth/users': [200, { data: [carl], pagination: { current_page: 1, per_page: 20, total_pages: 1, total_items: 1 } }],
      'GET /auth/roles': [200, []],
      'POST /auth/impersonate': [
        200,
        {
          token: 'carl-token',
          refresh_token: 'carl-refresh',
          user: { id: 9, first_name: 'Carl', last_name: 'Customer' },
          roles: ['Customer'],
          permissions: ['view_own_customer'],
          landing: '/self-care',
          impersonating_user_id: 7,
          target_user_id: 9,
        },
      ],
      'POST /auth/stop_impersonation': [200, loginBody({ token: 'ada-token-2', refresh_token: 'ada-refresh-2' })],
    });
    renderAt('/admin/users');

    await user.click(await screen.findByRole('button', { name: 'Login as Carl Customer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My services' })).toBeInTheDocument();
    const banner = screen.getByTestId('impersonation-banner');
    expect(banner).toHaveTextContent('You are acting as Carl Customer —');
    expect(requests.find((request) => request.key === 'POST /auth/impersonate').body).toEqual({ user_id: 9 });
    expect(getSession()).toMatchObject({ token: 'carl-token', permissions: ['view_own_customer'] });

    await user.click(within(banner).getByRole('button', { name: 'Stop' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Users & Roles' })).toBeInTheDocument();
    expect(screen.queryByTestId('impersonation-banner')).not.toBeInTheDocument();
    const stop = requests.find((request) => request.key === 'POST /auth/stop_impersonation');
    expect(stop.headers.Authorization).toBe('Bearer carl-token');
    expect(getSession()).toMatchObject({ token: 'ada-token-2', user: { id: 7 }, permissions: ['admin'] });
  });
});
