import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshotWholePage, startDemoSession } from './demoSession.mjs';

const TEMPLATE = 'Test SIM';
const PRODUCT = 'Test SIM Plan 10GB';
const SLUG = 'test-sim-plan-10gb';
const csv = (lines) => `${['ICCID,IMSI', ...lines].join('\n')}\n`;
const GOOD_ROWS = ['8944990000000000101,234159000000101', '8944990000000000102,234159000000102'];

describe('catalogue and inventory against the live API', () => {
  let session;
  let page;
  let templateId;

  const api = (...args) => session.api(...args);
  const sidebar = () => session.sidebar();
  const itemsOfTemplate = async () =>
    (await api('GET', `/crm/inventory/?inventory_template_id=${templateId}&per_page=50`)).pagination.total_items;

  before(async () => {
    session = await startDemoSession();
    page = session.page;
  });

  after(() => session?.stop());

  test('an inventory template with the labels ICCID and IMSI is created through the editor', async () => {
    await sidebar().getByRole('link', { name: 'Templates', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventory Templates' }).waitFor();
    await page.getByRole('button', { name: 'Add Template' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Template' });
    await dialog.getByLabel('Item', { exact: true }).fill(TEMPLATE);
    await dialog.getByLabel('Wholesale cost').fill('2.50');
    await dialog.getByLabel('Retail cost').fill('10.00');
    await dialog.getByLabel('Field 1 label').fill('ICCID');
    await dialog.getByLabel('Field 2 label').fill('IMSI');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByLabel('Field 3 label').fill('SIM Type');
    await dialog.getByRole('button', { name: 'Save Template' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: new RegExp(TEMPLATE) });
    // The item count arrives with the template's own detail.
    await row.getByRole('link', { name: '0', exact: true }).waitFor();
    assert.match(await row.innerText(), /\$2\.50\s+\$10\.00\s+ICCID\s+IMSI\s+3\s+Yes\s+No\s+0/);

    const { data } = await api('GET', `/crm/inventory/template/?search=${encodeURIComponent(TEMPLATE)}`);
    assert.equal(data.length, 1);
    assert.equal(data[0].item, TEMPLATE);
    assert.equal(data[0].itemtext1_label, 'ICCID');
    assert.equal(data[0].itemtext2_label, 'IMSI');
    assert.equal(data[0].itemtext3_label, 'SIM Type');
    assert.equal(data[0].itemtext4_label, null);
    templateId = data[0].inventory_template_id;
  });

  test('a bulk import with a duplicate row names its CSV line and imports nothing; fixed, it imports 3', async () => {
    assert.ok(templateId, 'the template test ran first');
    await sidebar().getByRole('link', { name: 'Items', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inventory Items' }).waitFor();
    await page.getByRole('link', { name: 'Bulk import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk import' }).waitFor();

    await page.getByLabel('Template', { exact: true }).selectOption({ label: TEMPLATE });
    await page.getByLabel('Location', { exact: true }).fill('Warehouse A');
    // Line 4 repeats the ICCID of line 2.
    await page.getByLabel('Paste CSV').fill(csv([...GOOD_ROWS, '8944990000000000101,234159000000103']));
    await page.getByRole('button', { name: 'Check CSV' }).click();

    const preview = page.getByRole('table', { name: 'Preview of the first rows' });
    await preview.waitFor();
    assert.deepEqual(await preview.getByRole('columnheader').allInnerTexts(), ['CSV line', 'ICCID', 'IMSI']);
    assert.equal(await preview.getByRole('row').count(), 4);
    await page.getByRole('button', { name: 'Import 3 items' }).click();

    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match(await report.innerText(), /Nothing was imported/);
    const errorRows = report.getByRole('row');
    assert.equal(await errorRows.count(), 2);
    assert.match(await errorRows.nth(1).innerText(), /^Line 4\s+ICCID \(itemtext1\)\s+duplicate in this import$/);
    await screenshotWholePage(page, 'inventory-import.png');
    assert.equal(await itemsOfTemplate(), 0);

    await page.getByLabel('Paste CSV').fill(csv([...GOOD_ROWS, '8944990000000000103,234159000000103']));
    assert.equal(await report.count(), 0);
    await page.getByRole('button', { name: 'Check CSV' }).click();
    await page.getByRole('button', { name: 'Import 3 items' }).click();
    await page.getByText('3 items were imported').waitFor();
    assert.equal(await itemsOfTemplate(), 3);

    const { data } = await api(
      'GET',
      `/crm/inventory/?inventory_template_id=${templateId}&sort=inventory_id&order=asc`,
    );
    assert.deepEqual(
      data.map((item) => [item.itemtext1, item.itemtext2, item.item_state, item.item_location, item.retail_cost]),
      [
        ['8944990000000000101', '234159000000101', 'New', 'Warehouse A', 10],
        ['8944990000000000102', '234159000000102', 'New', 'Warehouse A', 10],
        ['8944990000000000103', '234159000000103', 'New', 'Warehouse A', 10],
      ],
    );

    // The imported items are listed under the template's labels.
    await page.getByRole('link', { name: `See the ${TEMPLATE} items` }).click();
    await page.getByRole('columnheader', { name: 'ICCID' }).waitFor();
    await page.getByRole('cell', { name: '8944990000000000103' }).waitFor();
  });

  test("an item's management URL shows as a 128 px QR code with a link, and its password only as set", async () => {
    assert.ok(templateId, 'the import test ran first');
    await page
      .getByRole('row', { name: /8944990000000000102/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${TEMPLATE} #\\d+$`) }).waitFor();
    assert.match(
      await page.getByRole('region', { name: TEMPLATE }).innerText(),
      /ICCID\s+8944990000000000102\s+IMSI\s+234159000000102\s+SIM Type\s+—/,
    );

    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    // Only the moves allowed from New are offered.
    const states = await dialog.getByLabel('State', { exact: true }).locator('option').allInnerTexts();
    assert.ok(states.includes('In Stock') && !states.includes('In Transit'), states.join());
    await dialog.getByLabel('State', { exact: true }).selectOption('In Stock');
    await dialog.getByLabel('Management URL').fill('https://192.168.1.1');
    await dialog.getByLabel('Management username').fill('admin');
    await dialog.getByLabel('Management password').fill('s3cret-router');
    await dialog.getByRole('button', { name: 'Save Changes' }).click();
    await dialog.waitFor({ state: 'detached' });

    const management = page.getByRole('region', { name: 'Management' });
    const qr = management.getByRole('img', { name: 'QR code of https://192.168.1.1' });
    await qr.waitFor();
    const box = await qr.boundingBox();
    assert.deepEqual([box.width, box.height], [128, 128]);
    assert.equal(
      await management.getByRole('link', { name: 'https://192.168.1.1' }).getAttribute('href'),
      'https://192.168.1.1',
    );
    assert.doesNotMatch(await management.innerText(), /s3cret-router/);
    assert.match(await management.innerText(), /Password\s+Set/);

    const items = await api('GET', `/crm/inventory/?inventory_template_id=${templateId}&search=8944990000000000102`);
    assert.equal(items.data[0].item_state, 'In Stock');
    assert.equal(items.data[0].management_password, null);
    assert.equal(items.data[0].management_password_set, true);
  });

  test('a product created through the editor with the template is listed as available', async () => {
    assert.ok(templateId, 'the template test ran first');
    await sidebar().getByRole('link', { name: 'Products & Services' }).click();
    await page.getByRole('heading', { level: 1, name: 'Products & Services' }).waitFor();
    await page.getByRole('link', { name: 'Create Product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create Product' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(PRODUCT);
    assert.equal(await page.getByLabel('Slug').inputValue(), SLUG);
    await page.getByLabel('Service type').fill('mobile');
    await page.getByLabel('Retail cost', { exact: true }).fill('12.00');
    await page.getByLabel('Wholesale cost', { exact: true }).fill('4.00');
    await page.getByLabel('Retail setup cost').fill('5.00');
    await page.getByLabel('Wholesale setup cost').fill('7.50');
    await page.getByLabel('Contract days').fill('30');
    const pricing = page.getByTestId('pricing-preview');
    const pricingText = await pricing.innerText();
    assert.match(pricingText, /Monthly margin\s+\$8\.00/);
    assert.match(pricingText, /Markup\s+200\.00%/);
    assert.match(pricingText, /Setup margin\s+-\$2\.50\s+subsidised activation/);
    assert.match(pricingText, /Due today\s+\$17\.00/);

    await page.getByLabel('Inventory items').selectOption(TEMPLATE);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    assert.deepEqual(
      await page.getByRole('list', { name: 'Chosen inventory items' }).getByRole('listitem').allInnerTexts(),
      [`${TEMPLATE}\n↑\n↓\n×`],
    );
    await page
      .getByLabel('Features')
      .fill('10GB data. Unlimited calls and texts. Roaming in forty countries with no extra charge at all.');
    const features = page.getByTestId('features-preview');
    assert.deepEqual(await features.getByRole('listitem').allInnerTexts(), [
      '10GB data',
      'Unlimited calls and texts',
      'Roaming in forty countries with no extra charge at all',
    ]);
    assert.match(await features.innerText(), /1 feature is longer than 50 characters/);
    await page.getByLabel('Playbook variables (JSON)').fill('{"data_gb": 10');
    assert.match(await page.getByTestId('json-vars-status').innerText(), /invalid JSON/);
    await page.getByLabel('Playbook variables (JSON)').fill('{"data_gb": 10}');
    assert.equal(await page.getByTestId('json-vars-status').innerText(), '✓ Valid JSON object');
    await page.getByLabel('Auto-renew', { exact: true }).selectOption({ label: 'Ask customer' });
    await page.getByLabel('Customers can buy it in self-care').check();
    await screenshotWholePage(page, 'product-editor.png');

    await page.getByRole('button', { name: 'Create Product' }).click();
    await page.waitForURL(`${session.product.baseUrl}/products`);
    await page.getByText(`${PRODUCT} has been created.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(PRODUCT) });
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, new RegExp(SLUG));
    assert.match(rowText, /Available/);
    assert.match(rowText, /\$12\.00/);

    const stored = await api('GET', `/crm/product/product_slug/${SLUG}`);
    assert.deepEqual(stored.inventory_items, [TEMPLATE]);
    assert.equal(stored.inventory_items_list, `['${TEMPLATE}']`);
    assert.equal(stored.availability_status, 'available');
    assert.equal(stored.setup_margin, -2.5);
    assert.equal(stored.markup_percent, 200);
    assert.equal(stored.auto_renew, 'prompt');
    assert.equal(stored.customer_can_purchase, true);
    assert.deepEqual(JSON.parse(stored.provisioning_json_vars), { data_gb: 10 });
    assert.equal(stored.features.length, 3);
  });
});
