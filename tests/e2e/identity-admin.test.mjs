import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchChromium } from './browser.mjs';
import { callApi, createUser } from './identity.mjs';
import { startProduct } from './server.mjs';

const ADMIN = { email: 'rita.root@example.com', password: 'Adm1n!Passw0rd' };

describe('identity screens against the live API', () => {
  let product;
  let browser;
  let support;

  before(async () => {
    product = await startProduct();
    browser = await launchChromium();
    await createUser(product, { role: 'Admin', ...ADMIN, firstName: 'Rita', lastName: 'Root' });
    support = await createUser(product, {
      role: 'Support',
      email: 'sam.support@example.com',
      password: 'Supp0rt!Passw0rd',
      firstName: 'Sam',
      lastName: 'Support',
    });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    return context.newPage();
  }

  async function logIn(page, email, password) {
    await page.goto(`${product.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
  }

  test('a user with a temporary password must choose a new one before anything else', async () => {
    await callApi(product.baseUrl, 'POST', '/auth/users', {
      apiKey: product.apiKey,
      expect: 201,
      body: {
        username: 'nina.new',
        email: 'nina.new@example.com',
        password: 'Temp!Passw0rd1',
        first_name: 'Nina',
        last_name: 'New',
        role: 'Finance',
      },
    });
    const page = await newPage();
    await logIn(page, 'nina.new@example.com', 'Temp!Passw0rd1');
    await page.waitForURL(`${product.baseUrl}/change-password`);
    assert.equal(await page.getByLabel('Current password').count(), 0);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0);

    await page.getByLabel('New password').fill('Nina!Passw0rd2');
    await page.getByLabel('Confirm password').fill('Nina!Passw0rd2');
    await page.getByRole('button', { name: 'Change password' }).click();
    // The session goes on with the tokens the change answered: no second login.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/customers');
    await page.context().close();
  });

  test('an admin grants a permission in the matrix and creates an API key that works', async () => {
    const page = await newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Users & Roles' }).click();
    await page.getByRole('cell', { name: 'Sam Support', exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Roles' }).click();
    const box = page.getByRole('checkbox', { name: 'Support: create_customer', exact: true });
    assert.equal(await box.isChecked(), false);
    await box.click();
    await page.getByRole('checkbox', { name: 'Support: create_customer', exact: true, checked: true }).waitFor();
    assert.ok(await page.getByRole('checkbox', { name: 'Admin: create_customer', exact: true }).isDisabled());
    const roles = await callApi(product.baseUrl, 'GET', '/auth/roles', { apiKey: product.apiKey });
    assert.ok(roles.find((role) => role.name === 'Support').permissions.includes('create_customer'));

    await page.getByRole('link', { name: 'API Keys' }).click();
    await page.getByRole('button', { name: '+ Add' }).click();
    await page.getByLabel('Name').fill('Billing Sync');
    await page.getByLabel('View Customers').check();
    await page.getByRole('button', { name: 'Generate Key' }).click();
    const key = await page.getByRole('textbox', { name: 'API key', exact: true }).inputValue();
    assert.match(key, /^sk_live_[a-z0-9]{40}$/);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText(`sk_live_...${key.slice(-4)}`).waitFor();
    assert.equal(await page.getByTestId('summary-total').innerText(), '1');

    const keys = await callApi(product.baseUrl, 'GET', '/crm/api-keys', { apiKey: key, expect: 403 });
    assert.match(keys.message, /admin/);
    await callApi(product.baseUrl, 'GET', '/crm/customers', { apiKey: key });
    await page.context().close();
  });

  test('an admin acts as another user behind the banner and stops', async () => {
    const page = await newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(`${product.baseUrl}/customers`);
    await page.goto(`${product.baseUrl}/admin/users`);
    await page.getByRole('button', { name: 'Login as Sam Support' }).click();
    const banner = page.getByTestId('impersonation-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /You are acting as Sam Support/);
    assert.equal(await page.getByRole('link', { name: 'Users & Roles' }).count(), 0);

    await banner.getByRole('button', { name: 'Stop' }).click();
    await page.waitForURL(`${product.baseUrl}/admin/users`);
    await page.getByRole('button', { name: 'Login as Sam Support' }).waitFor();
    assert.equal(await banner.count(), 0);
    const [log] = await callApi(product.baseUrl, 'GET', '/auth/impersonation_logs', { apiKey: product.apiKey });
    assert.equal(log.target_user_id, support.id);
    assert.notEqual(log.impersonation_end, null);
    await page.context().close();
  });
});
