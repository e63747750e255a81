import { render, screen, within } from '@testing-library/react';
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
        <Route path="/change-password" element={<p>Change password reached</p>} />
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

  it('goes to the change-password page first when the password must be changed', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [
        200,
        { token: 'temp', refresh_token: 'refresh-1', user: { id: 1, must_change_password: true }, landing: '/customers' },
      ],
    });
    renderLogin();
    await signIn(user);
    expect(await screen.findByText('Change password reached')).toBeInTheDocument();
  });

  it('asks for the 2FA code in six boxes and submits it with the sixth digit', async () => {
    const user = userEvent.setup();
    const requests = mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [200, { token: 'access-2', refresh_token: 'refresh-2', landing: '/customers' }],
    });
    renderLogin();
    await signIn(user);
    const boxes = within(await screen.findByRole('group', { name: '6-digit code' })).getAllByRole('textbox');
    expect(boxes).toHaveLength(6);
    expect(boxes[0]).toHaveFocus();
    await user.keyboard('12345');
    expect(boxes[4]).toHaveValue('5');
    expect(boxes[5]).toHaveFocus();
    expect(requests).toHaveLength(1);
    await user.keyboard('6');
    expect(await screen.findByText('Customers reached')).toBeInTheDocument();
    expect(requests[1]).toMatchObject({
      key: 'POST /2fa/verify/user/42',
      body: { code: '123456', two_fa_token: 'challenge' },
    });
    expect(requests[1].headers.Authorization).toBeUndefined();
    expect(getAccessToken()).toBe('access-2');
  });

  it('shows a wrong 2FA code error, clears the boxes and stays on the code step', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [401, { message: 'Invalid code' }],
    });
    renderLogin();
    await signIn(user);
    await screen.findByRole('group', { name: '6-digit code' });
    await user.keyboard('000000');
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid code');
    expect(screen.getByTestId('two-factor-form')).toBeInTheDocument();
    expect(screen.getByLabelText('Digit 1 of 6')).toHaveValue('');
    expect(getAccessToken()).toBeNull();
  });

  it('goes back to the login page when the verification has expired', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [401, { message: 'Verification expired, please log in again' }],
    });
    renderLogin();
    await signIn(user);
    await screen.findByRole('group', { name: '6-digit code' });
    await user.keyboard('123456');
    expect(await screen.findByTestId('login-form')).toHaveTextContent(
      'Verification expired, please log in again',
    );
    expect(screen.queryByTestId('two-factor-form')).not.toBeInTheDocument();
  });

  it('accepts a backup code on the Recovery code tab', async () => {
    const user = userEvent.setup();
    const requests = mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
      'POST /2fa/verify/user/42': [200, { token: 'access-3', refresh_token: 'refresh-3' }],
    });
    renderLogin();
    await signIn(user);
    await user.click(await screen.findByRole('tab', { name: 'Recovery code' }));
    await user.type(screen.getByLabelText('Recovery code'), ' 1234-5678 ');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Dashboard reached')).toBeInTheDocument();
    expect(requests[1].body).toEqual({ code: '1234-5678', two_fa_token: 'challenge' });
  });

  it('returns to the password step on Cancel', async () => {
    const user = userEvent.setup();
    mockApi({
      'POST /crm/auth/login': [200, { requires_2fa: true, user_id: 42, two_fa_token: 'challenge' }],
    });
    renderLogin();
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
