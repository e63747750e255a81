import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { getSession, saveSession } from '../session';
import ProfileForm from './ProfileForm';

afterEach(restoreApi);

const PROFILE = {
  id: 7,
  first_name: 'Carl',
  last_name: 'Customer',
  email: 'carl@example.com',
  pending_email: null,
  phone_number: '+15550000',
  ip_restriction: '',
};

describe('ProfileForm', () => {
  it('sends only the changed fields and tells about the pending e-mail', async () => {
    const user = userEvent.setup();
    saveSession(loginBody({ roles: ['Support'] }));
    const requests = mockApi({
      'GET /crm/profile': [200, PROFILE],
      'PATCH /crm/profile': [200, { ...PROFILE, first_name: 'Carlos', pending_email: 'new@example.com' }],
    });
    render(<ProfileForm />);
    expect(await screen.findByLabelText('First name')).toHaveValue('Carl');
    expect(screen.queryByLabelText('Allowed login addresses')).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('First name'));
    await user.type(screen.getByLabelText('First name'), 'Carlos');
    await user.clear(screen.getByLabelText('E-mail'));
    await user.type(screen.getByLabelText('E-mail'), 'new@example.com');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('status')).toHaveTextContent('We sent a verification link to new@example.com');
    expect(requests[1].body).toEqual({ first_name: 'Carlos', email: 'new@example.com' });
    expect(screen.getByLabelText('E-mail')).toHaveValue('carl@example.com');
    expect(getSession().user.first_name).toBe('Carlos');
  });

  it('lets a customer restrict login addresses, confirming a list without the current address', async () => {
    const user = userEvent.setup();
    saveSession(loginBody({ roles: ['Customer'], permissions: ['view_own_customer'] }));
    const requests = mockApi({
      'GET /crm/profile': [200, PROFILE],
      'PATCH /crm/profile': ({ body }) =>
        body.confirm_lockout
          ? [200, { ...PROFILE, ip_restriction: body.ip_restriction }]
          : [
              400,
              {
                message: 'This list does not include your current address; send confirm_lockout: true to save it anyway',
                errors: { ip_restriction: 'does not include 10.9.9.9' },
              },
            ],
    });
    render(<ProfileForm />);
    await user.type(await screen.findByLabelText('Allowed login addresses'), '10.0.0.1-10.0.0.5');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Restrict login addresses' }));
    expect(dialog.getByText(/does not include 10.9.9.9/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText('Your details have been saved.')).toBeInTheDocument();
    expect(requests.slice(1).map((request) => request.body)).toEqual([
      { ip_restriction: '10.0.0.1-10.0.0.5' },
      { ip_restriction: '10.0.0.1-10.0.0.5', confirm_lockout: true },
    ]);
  });
});
