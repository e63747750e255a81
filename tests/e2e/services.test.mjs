import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SCREENSHOTS, screenshotWholePage, startDemoSession } from './demoSession.mjs';

// The demo customer and stock (SIM cards, mobile numbers) that `omnicrm up` creates in demo mode.
const CUSTOMER = 'Carl Customer';
const PLAN = 'E2E Mobile 20GB';
const JOB_TIMEOUT_MS = 60_000;

// Its play (tests/e2e/plays/e2e_service.yaml) creates the OCS account with 20 GB, 500 min, 250 SMS and 20.00
// of credit, the service in the CRM, reads the usage once and then uses 7.5 GB.
const planBody = {
  product_name: PLAN,
  product_slug: 'e2e-mobile-20gb',
  service_type: 'mobile',
  retail_cost: 15,
  retail_setup_cost: 3,
  wholesale_cost: 5,
  contract_days: 30,
  residential: true,
  business: false,
  auto_renew: 'prompt',
  provisioning_play: 'e2e_service',
  inventory_items_list: ['SIM Card', 'Mobile Number'],
  features_list: '20GB data. 500 minutes. 250 texts',
};

describe('services against the live API', () => {
  let session;
  let page;
  let serviceId;
  let serviceName;

  const sidebar = () => session.sidebar();
  const card = (label) => page.getByRole('region', { name: `${label} balance` });

  before(async () => {
    session = await startDemoSession();
    page = session.page;
    await session.api('PUT', '/crm/product/', { body: planBody });
  });

  after(() => session?.stop());

  test("Add Service on the customer's Services tab assigns a plan through the wizard and provisions it live", async () => {
    await sidebar().getByRole('link', { name: 'List' }).click();
    await page.getByRole('link', { name: CUSTOMER }).click();
    await page.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
    await page.getByRole('tab', { name: 'Services' }).click();
    await page.getByRole('cell', { name: 'No services yet' }).waitFor();
    await page.getByRole('button', { name: 'Add Service', exact: true }).click();
    await page.waitForURL(/\/services\/assign\?customer_id=\d+$/);

    const plan = page.getByRole('article', { name: PLAN });
    await plan.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-catalogue.png') });
    assert.match(await plan.innerText(), /500 minutes[\s\S]*\$3\.00[\s\S]*\$15\.00/);
    await plan.getByRole('button', { name: 'Assign to Customer' }).click();

    // One selector per inventory template; picking an item reserves it.
    const sim = page.getByLabel('SIM Card');
    await sim.locator('option').nth(1).waitFor({ state: 'attached' });
    await sim.selectOption({ index: 1 });
    const number = page.getByLabel('Mobile Number');
    await number.locator('option').nth(1).waitFor({ state: 'attached' });
    await number.selectOption({ index: 1 });
    const chosenSim = (await sim.locator('option:checked').innerText()).trim();
    const chosenNumber = (await number.locator('option:checked').innerText()).trim();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-inventory.png') });
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByText('Enable auto-renew for this service?').waitFor();
    await page.getByRole('button', { name: 'Yes' }).click();

    const review = page.getByRole('region', { name: 'Review' });
    const reviewText = await review.innerText();
    for (const expected of [CUSTOMER, PLAN, chosenSim, chosenNumber, '$3.00', '$15.00']) {
      assert.ok(reviewText.includes(expected), `review shows ${expected}:\n${reviewText}`);
    }
    assert.match(reviewText, /Auto-renew\s+Yes/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'assign-review.png') });
    await review.getByRole('button', { name: 'Confirm & Provision' }).click();

    const done = page.getByRole('heading', { name: `Service provisioned successfully for ${CUSTOMER}` });
    await done.waitFor({ timeout: JOB_TIMEOUT_MS });
    assert.match(
      await page.getByRole('heading', { name: /^Provisioning Status:/ }).innerText(),
      /^Provisioning Status: Success/,
    );
    const panel = page.getByRole('region', { name: 'Provisioned' });
    await panel.getByRole('link', { name: 'View Service' }).waitFor();
    serviceName = await panel.locator('dt:text-is("Service Name") + dd').innerText();
    assert.match(serviceName, /^E2E Mobile \d+$/);
    await screenshotWholePage(page, 'assign-done.png');

    await panel.getByRole('link', { name: 'View Service' }).click();
    await page.waitForURL(/\/services\/\d+$/);
    serviceId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: serviceName }).waitFor();
    const linked = await session.api('GET', `/crm/inventory/service_id/${serviceId}`);
    assert.deepEqual(linked.data.map((item) => item.item).sort(), ['Mobile Number', 'SIM Card']);
  });

  test('the service page shows the balances read from the OCS, what remains of each total', async () => {
    await page.getByRole('tab', { name: 'Usage' }).click();
    await card('Data').getByText('12.5 GB / 20 GB (62%)').waitFor();
    assert.match(await card('Data').getByRole('progressbar').getAttribute('class'), /usage-bar--green/);
    assert.equal(await card('Voice').locator('.usage-card__figures').innerText(), '500 min / 500 min (100%)');
    assert.equal(await card('SMS').locator('.usage-card__figures').innerText(), '250 / 250 (100%)');
    assert.match(await card('Monetary').locator('.usage-card__figures').innerText(), /20\.00 \/ \D*20\.00 \(100%\)/);
    assert.match(await card('Data').innerText(), /Expires in (29|30) days/);
    await page.getByText(/^Next renewal:/).waitFor();

    await card('Data').getByRole('button', { name: 'More info' }).click();
    assert.match(await card('Data').getByRole('table', { name: 'Data buckets' }).innerText(), /DATA_20GB_Monthly/);
    await page.getByRole('region', { name: 'Usage records' }).getByRole('cell', { name: 'No usage records' }).waitFor();
    await screenshotWholePage(page, 'service-usage.png');

    await page.getByRole('tab', { name: 'Overview' }).click();
    const summary = page.getByRole('region', { name: 'Summary' });
    assert.match(await summary.innerText(), new RegExp(`Customer\\s+${CUSTOMER}`));
    assert.ok(await page.getByRole('checkbox', { name: /^On: renews/ }).isChecked());
  });

  test('the service page lists its transactions, tops up through the wizard and edits its CGRateS attributes', async () => {
    const service = await session.api('GET', `/crm/service/${serviceId}?include_usage=false`);
    await session.api('PUT', '/crm/transaction/', {
      body: { customer_id: service.customer_id, service_id: serviceId, title: 'E2E setup charge', retail_cost: 3 },
    });
    await page.getByRole('tab', { name: 'Transactions' }).click();
    const charge = page.getByRole('row').filter({ hasText: 'E2E setup charge' });
    await charge.waitFor();
    assert.match(await charge.innerText(), /\$3\.00[\s\S]*Not invoiced/);

    // CGRateS has no attribute profile for the account yet (NOT_FOUND): the section starts empty.
    await page.getByRole('tab', { name: 'CGRateS' }).click();
    const attributesHeader = page.getByRole('button', { name: /^Attributes/ });
    await page.getByRole('region', { name: 'Attributes' }).locator('.badge', { hasText: /^0$/ }).waitFor();
    assert.equal(await attributesHeader.getAttribute('aria-expanded'), 'false');
    await attributesHeader.click();
    const attributes = page.getByRole('region', { name: 'Attributes' });
    await attributes.getByRole('cell', { name: 'No attributes' }).waitFor();
    await attributes.getByRole('button', { name: 'Edit Attributes' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit Attributes' });
    await editor.getByRole('button', { name: 'Add attribute' }).click();
    await editor.getByRole('button', { name: 'Save Attributes' }).click();
    await editor.getByText('Path is required').waitFor();
    await editor.getByLabel('Attribute 1 Path').fill('*req.Account');
    await editor.getByLabel('Attribute 1 Type').selectOption('*constant');
    await editor.getByLabel('Attribute 1 Value rules (one a line)').fill(service.service_uuid);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'service-cgrates-attributes.png') });
    await editor.getByRole('button', { name: 'Save Attributes' }).click();
    await attributes.getByText('Attributes saved.').waitFor();
    await attributes.getByRole('cell', { name: '*req.Account' }).waitFor();
    const stored = await session.api('POST', '/crm/ocs/proxy', {
      body: {
        method: 'APIerSv1.GetAttributeProfile',
        params: [{ ID: `ATTR_ACCOUNT_${service.service_uuid}` }],
        customer_id: service.customer_id,
        service_id: serviceId,
      },
    });
    assert.equal(stored.error, null);
    assert.deepEqual(stored.result.Attributes.map(({ Path, Type, Value }) => ({ Path, Type, Value })), [
      { Path: '*req.Account', Type: '*constant', Value: [{ Rules: service.service_uuid }] },
    ]);

    await page.getByRole('link', { name: 'Top up' }).click();
    await page.waitForURL(`**/services/assign?service_id=${serviceId}`);
    await page.getByRole('heading', { level: 1, name: `Add an add-on to ${serviceName}` }).waitFor();
    await page.getByRole('article', { name: 'Top-up 10' }).waitFor();

    // The customer's overview: one service, so its ARPU is its revenue.
    await page.goto(`${session.product.baseUrl}/customers/${service.customer_id}`);
    const revenue = page.getByRole('group', { name: 'Revenue' });
    await revenue.waitFor();
    const card = async (label) => (await revenue.locator('.widget').filter({ hasText: label }).locator('strong').innerText()).trim();
    assert.equal(await card('Services'), '1');
    assert.equal(await card('ARPU'), await card('Revenue'));
    assert.match(await page.getByRole('img', { name: /^ARPU\./ }).getAttribute('aria-label'), /This customer: \$\d/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'customer-arpu.png'), fullPage: true });
  });

  test('the new service is in the Active tab of the services list and in the upcoming auto-renewals', async () => {
    await sidebar().getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: serviceName, exact: true }) });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${serviceId}[\\s\\S]*${CUSTOMER}[\\s\\S]*mobile[\\s\\S]*Active`));
    assert.ok(await row.getByRole('img', { name: 'Auto-renew on' }).isVisible());
    await page.screenshot({ path: path.join(SCREENSHOTS, 'services-list.png') });
    // Filtered by its customer and sorted by a preset it stays; another customer has none.
    await page.getByLabel('Find customer').fill('Carl');
    const picker = page.getByLabel('Customer', { exact: true });
    await picker.locator('option', { hasText: CUSTOMER }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: (await picker.locator('option', { hasText: CUSTOMER }).innerText()).trim() });
    await page.getByLabel('Sort services').selectOption({ label: 'Highest cost' });
    await row.waitFor();
    await page.getByLabel('Find customer').fill('Acme');
    await picker.locator('option', { hasText: 'Acme Telecom Ltd' }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: (await picker.locator('option', { hasText: 'Acme Telecom Ltd' }).innerText()).trim() });
    await page.getByRole('cell', { name: 'No services found. Try the All Results tab.' }).waitFor();
    await picker.selectOption({ label: 'All customers' });
    await row.waitFor();
    await page.getByRole('tab', { name: 'Suspended' }).click();
    await page.getByRole('cell', { name: 'No services found. Try the All Results tab.' }).waitFor();

    await sidebar().getByRole('link', { name: 'Auto-renewals' }).click();
    const renewal = page.getByRole('row').filter({ has: page.getByRole('link', { name: serviceName, exact: true }) });
    await renewal.waitFor();
    assert.match(
      await renewal.innerText(),
      new RegExp(`${CUSTOMER}[\\s\\S]*${PLAN}[\\s\\S]*\\$15\\.00[\\s\\S]*in \\d+ days`),
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auto-renewals.png') });
  });
});
