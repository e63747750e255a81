import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { saveSession } from '../session';
import TwoFactorCard from './TwoFactorCard';

afterEach(() => {
  restoreApi();
  vi.restoreAllMocks();
});

const CODES = ['11111111', '22222222', '33333333', '44444444', '55555555', '66666666', '77777777', '88888888', '99999999', '12345678'];
const ENROLMENT = {
  totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qr_code_url: 'otpauth://totp/OmniCRM:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=OmniCRM',
  backup_codes: CODES,
};

// The status answers "enabled" once verify-setup has succeeded.
function renderCard(routes = {}) {
  saveSession(loginBody());
  let enabled = false;
  const requests = mockApi({
    'GET /2fa/status/user/7': () => [200, { is_2fa_enabled: enabled, backup_codes_remaining: enabled ? 10 : 0 }],
    'POST /2fa/enable/user/7': ({ body }) =>
      body.password === 'R1ght!pass' ? [200, ENROLMENT] : [401, { message: 'Incorrect password' }],
    'POST /2fa/verify-setup/user/7': ({ body }) => {
      if (body.code !== '654321') return [400, { verified: false, message: 'Invalid code' }];
      enabled = true;
      return [200, { verified: true }];
    },
    ...routes,
  });
  render(<TwoFactorCard userId={7} />);
  return requests;
}

async function typePassword(user, wizard, password) {
  await user.type(wizard.getByLabelText('Current password'), password);
  await user.click(wizard.getByRole('button', { name: 'Continue' }));
}

describe('TwoFactorCard', () => {
  it('walks through password, QR code with backup codes, confirmation and success', async () => {
    const user = userEvent.setup();
    const requests = renderCard();
    expect(await screen.findByText('Disabled')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enable Two-Factor Authentication' }));
    const wizard = within(screen.getByRole('dialog', { name: 'Enable Two-Factor Authentication' }));

    await typePassword(user, wizard, 'wrong');
    expect(await wizard.findByRole('alert')).toHaveTextContent('Incorrect password');
    expect(wizard.getByLabelText('Current password')).toBeInTheDocument();
    expect(requests.some((request) => request.key === 'POST /crm/auth/refresh')).toBe(false);

    await user.clear(wizard.getByLabelText('Current password'));
    await typePassword(user, wizard, 'R1ght!pass');
    const qr = await wizard.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(wizard.getByTestId('totp-secret')).toHaveTextContent(ENROLMENT.totp_secret);
    expect(within(wizard.getByRole('list', { name: 'Backup codes' })).getAllByRole('listitem')).toHaveLength(10);
    expect(wizard.getByText(/Save these backup codes before you continue/)).toBeInTheDocument();

    const confirm = wizard.getByRole('button', { name: 'Confirm' });
    expect(confirm).toBeDisabled();
    await user.click(wizard.getByLabelText('Digit 1 of 6'));
    await user.keyboard('000000');
    await user.click(confirm);
    expect(await wizard.findByRole('alert')).toHaveTextContent('Invalid code');
    expect(wizard.getByLabelText('Digit 1 of 6')).toHaveValue('');

    await user.click(wizard.getByLabelText('Digit 1 of 6'));
    await user.keyboard('654321');
    await user.click(wizard.getByRole('button', { name: 'Confirm' }));
    expect(
      await wizard.findByText('2FA is now enabled. From now on, login requires your password and a 2FA code.'),
    ).toBeInTheDocument();
    expect(requests.filter((request) => request.key === 'POST /2fa/verify-setup/user/7').map((request) => request.body)).toEqual([
      { code: '000000' },
      { code: '654321' },
    ]);

    await user.click(wizard.getByRole('button', { name: 'Close' }));
    expect(await screen.findByText('Enabled')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Regenerate backup codes' })).toBeInTheDocument();
  });

  it('copies the backup codes and downloads them as a text file', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:codes');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderCard();
    await user.click(await screen.findByRole('button', { name: 'Enable Two-Factor Authentication' }));
    const wizard = within(screen.getByRole('dialog'));
    await typePassword(user, wizard, 'R1ght!pass');

    await user.click(await wizard.findByRole('button', { name: 'Copy codes' }));
    expect(await navigator.clipboard.readText()).toBe(CODES.join('\n'));
    expect(wizard.getByRole('button', { name: 'Copied!' })).toBeInTheDocument();

    await user.click(wizard.getByRole('button', { name: 'Download codes' }));
    expect(click).toHaveBeenCalledTimes(1);
    const link = click.mock.contexts[0];
    expect(link.download).toBe('backup-codes.txt');
    const text = await createObjectURL.mock.calls[0][0].text();
    CODES.forEach((code) => expect(text).toContain(code));
  });

  it('regenerates the backup codes after a confirmation', async () => {
    const user = userEvent.setup();
    const fresh = CODES.map((code) => code.replace(/./, '0'));
    saveSession(loginBody());
    const requests = mockApi({
      'GET /2fa/status/user/7': [200, { is_2fa_enabled: true, backup_codes_remaining: 3 }],
      'POST /2fa/backup-codes/regenerate/user/7': [200, { backup_codes: fresh }],
    });
    render(<TwoFactorCard userId={7} />);
    expect(await screen.findByText(/3 of your backup codes are still unused/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Regenerate backup codes' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Regenerate' }));
    const shown = within(await screen.findByRole('dialog', { name: 'Your new backup codes' }));
    expect(shown.getByText(fresh[0])).toBeInTheDocument();
    await waitFor(() =>
      expect(requests.filter((request) => request.key === 'GET /2fa/status/user/7')).toHaveLength(2),
    );
  });
});
