import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { startProduct } from './server.mjs';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

describe('smoke', () => {
  let product;
  let browser;
  let page;

  before(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  test('/ redirects a visitor without a session to the login page', async () => {
    await page.goto(`${product.baseUrl}/`);
    await page.waitForURL(`${product.baseUrl}/login`);
    const form = page.getByTestId('login-form');
    await form.waitFor();
    assert.ok(await form.isVisible());
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Sign in to /);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login.png'), fullPage: true });
  });

  test('an unknown API path answers a JSON 404 with a message', async () => {
    await page.goto(`${product.baseUrl}/login`);
    const answer = await page.evaluate(async () => {
      const response = await fetch('/crm/does-not-exist');
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: await response.json(),
      };
    });
    assert.equal(answer.status, 404);
    assert.match(answer.contentType, /application\/json/);
    assert.equal(typeof answer.body.message, 'string');
    assert.ok(answer.body.message.length > 0);
  });

  test('/topup renders without login', async () => {
    await page.goto(`${product.baseUrl}/topup`);
    await page.getByRole('heading', { name: 'Top up your service' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/topup');
    assert.match(await page.getByTestId('topup-total').innerText(), /\d/);
    assert.equal(await page.getByTestId('login-form').count(), 0);
  });
});
