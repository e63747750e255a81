import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { callApi, createUser } from './identity.mjs';
import { startProduct } from './server.mjs';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const ADMIN = { email: 'cora.crm@example.com', password: 'Adm1n!Passw0rd' };
const CONTACT_EMAIL = 'maria.baker@fleet-bakery.test';
// Open Location Code of 51.5074, -0.1278 with 11 digits, as the API computes it too.
const PLUS_CODE = '9C3XGV4C+XV8';

describe('customers against the live API', () => {
  let product;
  let browser;

  before(async () => {
    product = await startProduct();
    browser = await launchChromium();
    await createUser(product, { role: 'Admin', ...ADMIN, firstName: 'Cora', lastName: 'Crm' });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  test('a customer created through the form is found by its contact e-mail in the top-bar search', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${product.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create Customer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Fleet Street Bakery');
    await page.getByLabel('Account type').selectOption('Business');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Baker');
    await page.getByLabel('E-mail').fill(CONTACT_EMAIL);
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByLabel('Address line 1').fill('1 Fleet Street');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Country').fill('United Kingdom');
    await page.getByLabel('Latitude').fill('51.5074');
    await page.getByLabel('Longitude').fill('-0.1278');
    assert.equal(
      await page.getByTestId('location-feedback').innerText(),
      `Location set: 51.5074, -0.1278 · ${PLUS_CODE}`,
    );
    await page.getByRole('button', { name: 'Create Customer' }).click();

    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: 'Fleet Street Bakery' }).waitFor();
    await page.getByRole('tab', { name: 'Sites' }).click();
    await page.getByRole('cell', { name: PLUS_CODE }).waitFor();
    assert.equal(new URL(page.url()).hash, '#2');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'customer-page.png'), fullPage: true });

    const stored = await callApi(product.baseUrl, 'GET', `/crm/customer/customer_id/${customerId}`, {
      apiKey: product.apiKey,
    });
    assert.equal(stored.sites[0].plus_code, PLUS_CODE);
    assert.equal(stored.contacts[0].contact_email, CONTACT_EMAIL);
    assert.equal(stored.contacts[0].contact_types, 'Primary');

    const topBarSearch = page.getByRole('searchbox', { name: 'Search', exact: true });
    await topBarSearch.fill('baker@fleet');
    await topBarSearch.press('Enter');
    await page.waitForURL(`${product.baseUrl}/search?q=baker%40fleet`);
    const contacts = page.getByRole('region', { name: 'Contacts' });
    const hit = contacts.getByRole('link', { name: 'Maria Baker' });
    await hit.waitFor();
    assert.match(await contacts.innerText(), new RegExp(`Customer ID: ${customerId} · Type: contact`));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-results.png'), fullPage: true });

    await hit.click();
    await page.waitForURL(`${product.baseUrl}/customers/${customerId}#4`);
    assert.equal(await page.getByRole('tab', { name: 'Contacts' }).getAttribute('aria-selected'), 'true');
    const row = page.getByRole('row', { name: /Maria Baker/ });
    await row.waitFor();
    assert.match(await row.getAttribute('class'), /table__row--highlight/);
    assert.match(await row.innerText(), /maria\.baker@fleet-bakery\.test/);
    await page.close();
  });
});
