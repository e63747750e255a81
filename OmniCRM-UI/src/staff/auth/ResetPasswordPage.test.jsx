import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { mockApi, restoreApi } from '../../test/mockApi';

afterEach(restoreApi);

function renderAt(path) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

async function choosePassword(user, password, confirmation) {
  await user.type(screen.getByLabelText('Password'), password);
  await user.type(screen.getByLabelText('Confirm password'), confirmation);
  await user.click(screen.getByRole('button', { name: 'Reset password' }));
}

describe('ResetPasswordPage', () => {
  it('refuses two different passwords without calling the API', async () => {
    const user = userEvent.setup();
    const requests = mockApi({});
    renderAt('/reset-password/token-1');
    await choosePassword(user, 'N3w!password', 'N3w!passw0rd');
    expect(screen.getByRole('alert')).toHaveTextContent('Passwords do not match');
    expect(requests).toEqual([]);
  });

  it('sends the token and returns to login with the success message', async () => {
    const user = userEvent.setup();
    const requests = mockApi({
      'POST /auth/reset_password': [200, { message: 'Password has been reset successfully' }],
    });
    renderAt('/reset-password/token-1');
    await choosePassword(user, 'N3w!password', 'N3w!password');
    expect(await screen.findByTestId('login-form')).toHaveTextContent(
      'Password has been reset successfully',
    );
    expect(requests[0].body).toEqual({
      token: 'token-1',
      new_password: 'N3w!password',
      confirm_password: 'N3w!password',
    });
  });

  it('says the link is invalid when it has no token', () => {
    renderAt('/reset-password');
    expect(screen.getByRole('alert')).toHaveTextContent('This reset link is invalid or has expired');
    expect(screen.getByRole('button', { name: 'Reset password' })).toBeDisabled();
  });
});
