import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, startDemoSession } from './demoSession.mjs';

describe('e-mail templates against the live API', () => {
  let session;

  before(async () => {
    session = await startDemoSession();
  });

  after(() => session?.stop());

  test('the admin sends a test of a configured template through the Mailjet simulator', async () => {
    const { page } = session;
    await session.sidebar().getByRole('link', { name: 'E-mail Templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-mail Templates' }).waitFor();
    const row = page.getByRole('row').filter({
      has: page.getByText('api_crmCommunicationUserPasswordReset', { exact: true }),
    });
    // The demo configures all ten types with sandbox template ids.
    await row.getByText('Yes', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Send test: User Password Reset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test: User Password Reset' });
    await dialog.getByLabel('Recipient e-mail').fill('e2e.test@example.com');
    await dialog.getByLabel('user_name').fill('E2E Tester');
    await dialog.getByRole('button', { name: 'Send test' }).click();

    const result = page.getByRole('status').filter({ hasText: 'test e-mail to e2e.test@example.com' });
    await result.waitFor();
    assert.match(
      await result.innerText(),
      /^User Password Reset test e-mail to e2e\.test@example\.com sent \(Mailjet message ID \d+\)\.$/,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'email-templates.png') });
  });
});
