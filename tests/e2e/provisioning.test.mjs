import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, screenshotWholePage, startDemoSession } from './demoSession.mjs';

// The demo customers that `omnicrm up` creates in demo mode: Carl (Individual) and Acme (Business, with one site
// and a Primary,Technical contact).
const CUSTOMER = 'Carl Customer';
const BUSINESS = 'Acme Telecom Ltd';
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
  let session;
  let page;
  let demoProduct;
  let failingProduct;
  let demoJobId;

  const api = (...args) => session.api(...args);
  const sidebar = () => session.sidebar();
  const statusHeading = () => page.getByRole('heading', { level: 2, name: /^Provisioning Status:/ });
  const jobId = () => Number(new URL(page.url()).pathname.split('/').pop());
  const task = (name) => page.locator('.task-list > li').filter({ has: page.getByText(name, { exact: true }) });

  // "Provision a product" on the Provisioning page, for the demo customer and `product`: the open dialog.
  async function provisionDialog(product) {
    await page.getByRole('button', { name: 'Provision a product' }).click();
    const dialog = page.getByRole('dialog', { name: 'Provision a product' });
    await dialog.getByLabel('Find customer').fill('Carl');
    const customer = await api('GET', `/crm/customers?search=${encodeURIComponent(CUSTOMER)}`);
    const customerId = String(customer.data[0].customer_id);
    const picker = dialog.getByLabel('Customer', { exact: true });
    await picker.locator(`option[value="${customerId}"]`).waitFor({ state: 'attached' });
    await picker.selectOption(customerId);
    await dialog.getByLabel('Product').selectOption(String(product.product_id));
    return dialog;
  }

  before(async () => {
    session = await startDemoSession();
    page = session.page;
    demoProduct = await api('PUT', '/crm/product/', { body: productBody('E2E Demo Service', 'e2e-demo-service', 'e2e_demo') });
    failingProduct = await api('PUT', '/crm/product/', {
      body: productBody('E2E Failing Service', 'e2e-failing-service', 'e2e_fail'),
    });
  });

  after(() => session?.stop());

  test('Provision a product runs the play live to Success, the ignored failure in orange', async () => {
    await sidebar().getByRole('link', { name: 'Provisioning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Provisioning' }).waitFor();
    const dialog = await provisionDialog(demoProduct);
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
    const dialog = await provisionDialog(failingProduct);
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

  test("Add service on a business customer's page runs the wizard, with the site, contacts and PO number", async () => {
    await sidebar().getByRole('link', { name: 'List' }).click();
    await page.getByRole('link', { name: BUSINESS }).click();
    await page.getByRole('heading', { level: 1, name: BUSINESS }).waitFor();
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());

    await page.getByRole('link', { name: 'Add service' }).click();
    await page.waitForURL(`**/services/assign?customer_id=${customerId}`);
    await page.getByRole('heading', { level: 1, name: 'Assign a Plan' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Business' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('article', { name: 'E2E Demo Service' }).getByRole('button', { name: 'Assign to Customer' }).click();
    if (demoProduct.auto_renew === 'prompt') {
      await page.getByRole('region', { name: 'Auto-renew' }).getByRole('button', { name: 'No' }).click();
    }

    // The only site and the Technical contact are suggested; the customer has no Billing contact.
    const details = page.getByRole('region', { name: 'Business details' });
    const site = details.getByLabel('Installation site');
    await site.locator('option').nth(1).waitFor({ state: 'attached' });
    assert.match(await site.locator('option:checked').innerText(), /1 Canada Square/);
    assert.equal((await details.getByLabel('Technical contact').locator('option:checked').innerText()).trim(), 'Ann Acme');
    assert.equal((await details.getByLabel('Billing contact').locator('option:checked').innerText()).trim(), 'None');
    await details.getByLabel('Billing contact').selectOption({ label: 'Ann Acme' });
    await details.getByLabel('PO number').fill('PO-E2E-42');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-business-details.png') });
    await details.getByRole('button', { name: 'Next' }).click();

    const review = page.getByRole('region', { name: 'Review' });
    assert.match(await review.innerText(), /PO number\s+PO-E2E-42/);
    await review.getByRole('button', { name: 'Confirm & Provision' }).click();
    await page.getByRole('heading', { name: `Service provisioned successfully for ${BUSINESS}` }).waitFor({
      timeout: JOB_TIMEOUT_MS,
    });
    // The demo play records no service: the panel leads to the customer's services instead.
    const toServices = page.getByRole('region', { name: 'Provisioned' }).getByRole('link', { name: "View the customer's services" });
    await toServices.waitFor();
    assert.equal(await toServices.getAttribute('href'), `/customers/${customerId}#3`);

    const jobs = await api('GET', `/crm/provision/?filters=${encodeURIComponent(JSON.stringify({ customer_id: [customerId] }))}`);
    const sent = JSON.parse(jobs.data[0].provisioning_json_vars);
    const contact = (await api('GET', `/crm/contact/customer_id/${customerId}`))[0];
    const [{ site_id: siteId }] = await api('GET', `/crm/site/customer_id/${customerId}`);
    assert.equal(sent.site_id, siteId);
    assert.deepEqual(sent.custom_fields, {
      billing_contact_id: contact.contact_id,
      technical_contact_id: contact.contact_id,
      po_number: 'PO-E2E-42',
    });
  });
});
