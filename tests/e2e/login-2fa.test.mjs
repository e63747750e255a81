import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { callApi, createUser, logIn } from './identity.mjs';
import { startProduct } from './server.mjs';
import { totp } from './totp.mjs';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const EMAIL = 'sam.support@example.com';
const PASSWORD = 'Str0ng!Passw0rd';

// The code of the step after the current one: the step used to confirm the setup may still be
// current, and the API refuses a code from a step it has already accepted (replay protection).
const nextCode = (secret) => totp(secret, Date.now() + 30_000);

describe('login with two-factor authentication', () => {
  let product;
  let browser;
  let user;
  let enrolment;

  before(async () => {
    product = await startProduct();
    browser = await launchChromium();
    user = await createUser(product, {
      role: 'Support',
      email: EMAIL,
      password: PASSWORD,
      firstName: 'Sam',
      lastName: 'Support',
    });
    const { token } = await logIn(product, EMAIL, PASSWORD);
    enrolment = await callApi(product.baseUrl, 'POST', `/2fa/enable/user/${user.id}`, {
      token,
      body: { password: PASSWORD },
    });
    const setup = await callApi(product.baseUrl, 'POST', `/2fa/verify-setup/user/${user.id}`, {
      token,
      body: { code: totp(enrolment.totp_secret) },
    });
    assert.equal(setup.verified, true);
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function passwordStep(page) {
    await page.goto(`${product.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByTestId('two-factor-form').waitFor();
  }

  async function assertSignedIn(page) {
    await page.waitForURL((url) => url.pathname !== '/login');
    assert.equal(new URL(page.url()).pathname, '/customers');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'List' }).isVisible());
    assert.equal(await page.getByRole('link', { name: 'Users & Roles' }).count(), 0);
  }

  test('the password step asks for the authenticator code, which signs the user in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await passwordStep(page);
    const boxes = page.getByRole('group', { name: '6-digit code' }).getByRole('textbox');
    assert.equal(await boxes.count(), 6);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login-2fa-challenge.png'), fullPage: true });

    await page.keyboard.type(nextCode(enrolment.totp_secret));
    await assertSignedIn(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'after-login.png'), fullPage: true });
    await context.close();
  });

  test('a backup code on the Recovery code tab signs the user in, once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const [backupCode] = enrolment.backup_codes;
    await passwordStep(page);
    await page.getByRole('tab', { name: 'Recovery code' }).click();
    await page.getByLabel('Recovery code').fill(backupCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await assertSignedIn(page);

    const status = await callApi(product.baseUrl, 'GET', `/2fa/status/user/${user.id}`, {
      apiKey: product.apiKey,
    });
    assert.deepEqual(status, { is_2fa_enabled: true, backup_codes_remaining: 9 });

    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await passwordStep(page);
    await page.getByRole('tab', { name: 'Recovery code' }).click();
    await page.getByLabel('Recovery code').fill(backupCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid code' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await context.close();
  });
});
