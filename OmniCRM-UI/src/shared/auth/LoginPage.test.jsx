import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, restoreApi } from '../../test/mockApi';
import { getAccessToken } from '../session';
import LoginPage from './LoginPage';

afterEach(restoreApi);

function renderLogin() {
  render(
    <MemoryRouter initialEntries={['/login']}>
      <Routes>
        <Route path="/login" element={<LoginPage portalName="ShellManager" defaultLanding="/" />} />
        <Route path="/" element={<p>Dashboard reached</p>} />
        <Route path="/customers" element={<p>Customers reached</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

async function signIn(user, { rememberMe = false } = {}) {
  await user.type(screen.getByLabelText('E-mail'), 'agent@example.com');
  await user.type(screen.getByLabelText('Password'), 'S3cret!pass');
  if (rememberMe) await user.click(screen.getByLabelText('Remember me for 30 days'));
  await user.click(screen.getByRole('button', { name: 'Login' }));
}

describe('LoginPage', () => {
  it('shows the heading, the form controls and the forgot-password link', () => {
    renderLogin();
    expect(screen.getByRole('heading', { name: 'Sign in to ShellManager' })).toBeInTheDocument();
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });

  it('toggles password visibility with the eye button', async () => {
    const user = userEvent.setup();
    renderLogin();
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('type', 'password');
    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(password).toHaveAttribute('type', 'text');
  });

  it('posts the credentials and shows the message of the API error', async () => {
    const user = userEvent.setup();
    const requests = mockApi({
      'POST /crm/auth/login': [404, { message: 'The requested URL was not found on the server.' }],
    });
    renderLogin();
    await signIn(user, { rememberMe: true });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The requested URL was not found on the server.',
    );
    expect(requests).toEqual([
      expect.objectContaining({
        key: 'POST /crm/auth/login',
        body: { email: 'agent@example.com', password: 'S3cret!pass', remember_me: true },
      }),
    ]);
    expect(getAccessToken()).toBeNull();
  });

  it('stores the tokens and goes to the landing route on success', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [
        200,
        { token: 'access-1', refresh_token: 'refresh-1', user: { id: 1 }, landing: '/customers' },
      ],
    });
    renderLogin();
    await signIn(user);
    expect(await screen.findByText('Customers reached')).toBeInTheDocument();
    expect(localStorage.getItem('omnicrm.token')).toBe('access-1');
    expect(localStorage.getItem('omnicrm.refresh_token')).toBe('refresh-1');
  });

  it('asks for the 2FA code and verifies it with the challenge token', async () => {
    const user = userEvent.setup();
    const requests = mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [200, { token: 'access-2', refresh_token: 'refresh-2' }],
    });
    renderLogin();
    await signIn(user);
    await user.type(await screen.findByLabelText(/6-digit code/), '123456');
    expect(await screen.findByText('Dashboard reached')).toBeInTheDocument();
    expect(requests[1]).toMatchObject({
      key: 'POST /2fa/verify/user/42',
      body: { code: '123456', two_fa_token: 'challenge' },
    });
    expect(getAccessToken()).toBe('access-2');
  });

  it('shows a wrong 2FA code error and stays on the code step', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [401, { message: 'Invalid code' }],
    });
    renderLogin();
    await signIn(user);
    await user.type(await screen.findByLabelText(/6-digit code/), '000000');
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid code');
    expect(screen.getByTestId('two-factor-form')).toBeInTheDocument();
    expect(getAccessToken()).toBeNull();
  });
});
