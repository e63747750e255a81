import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { callApi } from './identity.mjs';
import { startProduct } from './server.mjs';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
// The demo admin and customer that `omnicrm up` creates in demo mode (server.mjs writes `demo: true`).
const DEMO_ADMIN = { email: 'admin@example.com', password: 'admin' };
const CUSTOMER = 'Carl Customer';
// Plays copied from tests/e2e/plays by server.mjs.
const DEMO_TASKS = [
  'Check the request',
  'Reserve network resources',
  'Optional capability check',
  'Wait for the network',
  'Confirm the service',
];
const IGNORED_TASK = 'Optional capability check';
const FAILURE = 'Network element refused the activation (e2e)';
const JOB_TIMEOUT_MS = 60_000;

async function screenshotWholePage(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
  await page.setViewportSize(viewport);
}

const productBody = (name, slug, play) => ({
  product_name: name,
  product_slug: slug,
  service_type: 'mobile',
  retail_cost: 12,
  retail_setup_cost: 3,
  wholesale_cost: 2,
  contract_days: 30,
  residential: true,
  business: true,
  provisioning_play: play,
  inventory_items_list: [],
});

describe('provisioning against the live API', () => {
  let product;
  let browser;
  let page;
  let demoProduct;
  let failingProduct;
  let demoJobId;

  const api = (method, apiPath, options = {}) =>
    callApi(product.baseUrl, method, apiPath, { apiKey: product.apiKey, ...options });
  const sidebar = () => page.getByRole('navigation', { name: 'Main' });
  const statusHeading = () => page.getByRole('heading', { level: 2, name: /^Provisioning Status:/ });
  const jobId = () => Number(new URL(page.url()).pathname.split('/').pop());
  const task = (name) => page.locator('.task-list > li').filter({ has: page.getByText(name, { exact: true }) });

  before(async () => {
    product = await startProduct();
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    demoProduct = await api('PUT', '/crm/product/', { body: productBody('E2E Demo Service', 'e2e-demo-service', 'e2e_demo') });
    failingProduct = await api('PUT', '/crm/product/', {
      body: productBody('E2E Failing Service', 'e2e-failing-service', 'e2e_fail'),
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${product.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await sidebar().waitFor();
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  test('Add service on the customer page runs the play live to Success, the ignored failure in orange', async () => {
    await sidebar().getByRole('link', { name: 'List' }).click();
    await page.getByRole('link', { name: CUSTOMER }).click();
    await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();

    await page.getByRole('button', { name: 'Add service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Provision a product' });
    await dialog.getByLabel('Product').selectOption(String(demoProduct.product_id));
    assert.match(await dialog.getByLabel('Charges').innerText(), /Due today\s+\$15\.00/);
    await dialog.getByRole('button', { name: 'Add variable' }).click();
    await dialog.getByLabel('Variable 1 name').fill('e2e_note');
    await dialog.getByLabel('Variable 1 value').fill('from-the-browser');
    await dialog.screenshot({ path: path.join(SCREENSHOTS, 'provision-dialog.png') });
    await dialog.getByRole('button', { name: 'Provision' }).click();

    await page.waitForURL(/\/provisioning\/\d+$/);
    demoJobId = jobId();
    await page.getByRole('heading', { level: 1, name: `Provisioning job #${demoJobId}` }).waitFor();

    // Live: the job still runs and some of its tasks have reported.
    await page.waitForFunction(
      () =>
        /^Provisioning Status: Running/.test(document.querySelector('#job-progress-heading')?.textContent ?? '') &&
        document.querySelectorAll('.task-list .task__toggle').length > 0,
      null,
      { timeout: JOB_TIMEOUT_MS, polling: 100 },
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'job-live.png') });

    await statusHeading().filter({ hasText: 'Success' }).waitFor({ timeout: JOB_TIMEOUT_MS });
    assert.equal(await statusHeading().innerText(), 'Provisioning Status: Success (5 of 5 tasks completed)');
    const names = await page.locator('.task-list .task__name').allInnerTexts();
    assert.deepEqual(names, DEMO_TASKS);
    for (const name of DEMO_TASKS) {
      const expected = name === IGNORED_TASK ? /task--warning/ : /task--success/;
      assert.match(await task(name).getAttribute('class'), expected, name);
    }
    assert.match(await task(IGNORED_TASK).innerText(), /Failed, ignored/);
    // Extra variables reach the playbook.
    await task('Check the request').getByRole('button').click();
    await page.getByLabel('Result of Check the request').waitFor();
    assert.match(await page.getByLabel('Result of Check the request').innerText(), /note from-the-browser/);
    await page.getByText('Variables (secrets redacted)').click();
    assert.match(await page.getByLabel('Variables').innerText(), /"e2e_note": "from-the-browser"/);
    await screenshotWholePage(page, 'job-done.png');

    await sidebar().getByRole('link', { name: 'Provisioning' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Job ${demoJobId}`, exact: true }) });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, new RegExp(CUSTOMER));
    assert.match(text, /E2E Demo Service/);
    assert.match(text, /E2E demo provisioning/);
    assert.match(text, /Success/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'provisioning-list.png') });
    await page.getByRole('tablist', { name: 'Job status' }).getByRole('tab', { name: 'Failed' }).click();
    await page.getByRole('cell', { name: 'No provisioning jobs found' }).waitFor();
  });

  test('a failing play shows the failure panel, and Retry starts a new job', async () => {
    await page.getByRole('tablist', { name: 'Job status' }).getByRole('tab', { name: 'All' }).click();
    await page.getByRole('button', { name: 'Provision a product' }).click();
    const dialog = page.getByRole('dialog', { name: 'Provision a product' });
    await dialog.getByLabel('Find customer').fill('Carl');
    const customer = await api('GET', `/crm/customers?search=${encodeURIComponent(CUSTOMER)}`);
    const customerId = String(customer.data[0].customer_id);
    await dialog.getByLabel('Customer', { exact: true }).locator(`option[value="${customerId}"]`).waitFor({ state: 'attached' });
    await dialog.getByLabel('Customer', { exact: true }).selectOption(customerId);
    await dialog.getByLabel('Product').selectOption(String(failingProduct.product_id));
    await dialog.getByRole('button', { name: 'Provision' }).click();

    await page.waitForURL(/\/provisioning\/\d+$/);
    const failedId = jobId();
    const panel = page.getByRole('region', { name: 'Provisioning failed' });
    await panel.waitFor({ timeout: JOB_TIMEOUT_MS });
    assert.equal(await panel.getByRole('alert').innerText(), FAILURE);
    assert.match(await task('Activate on the network').getAttribute('class'), /task--danger/);
    assert.match(await page.getByLabel('Result of Activate on the network').innerText(), new RegExp(FAILURE.replace(/[()]/g, '\\$&')));
    assert.match(await task('Confirm the service').innerText(), /Not run/);
    await screenshotWholePage(page, 'job-failed.png');

    await panel.getByRole('button', { name: 'Retry' }).click();
    await page.waitForURL((url) => /\/provisioning\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${failedId}`));
    const retryId = jobId();
    assert.ok(retryId > failedId);
    await page.getByRole('link', { name: `Job #${failedId}` }).waitFor();
    await page.getByRole('heading', { name: 'Provisioning failed' }).waitFor({ timeout: JOB_TIMEOUT_MS });
    const retried = await api('GET', `/crm/provision/provision_id/${retryId}`);
    assert.equal(retried.retry_of_provision_id, failedId);
    assert.equal(retried.provisioning_status, 2);
    assert.equal(retried.error_summary, FAILURE);
  });
});
