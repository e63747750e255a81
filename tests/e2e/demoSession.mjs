// What the browser tests of the demo product share: the product started with its demo data (server.mjs writes
// `demo: true`), Chromium with one page signed in as the demo admin, API calls with the config admin key, and
// full-page screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { callApi } from './identity.mjs';
import { startProduct } from './server.mjs';

export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
// The demo admin that `omnicrm up` creates in demo mode.
const DEMO_ADMIN = { email: 'admin@example.com', password: 'admin' };

// Returns {product, page, api(method, path, options), sidebar(), stop()}.
export async function startDemoSession() {
  const product = await startProduct();
  let browser;
  const stop = async () => {
    await browser?.close();
    await product.stop();
  };
  try {
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sidebar = () => page.getByRole('navigation', { name: 'Main' });
    await page.goto(`${product.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await sidebar().waitFor();
    const api = (method, apiPath, options = {}) =>
      callApi(product.baseUrl, method, apiPath, { apiKey: product.apiKey, ...options });
    return { product, page, api, sidebar, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// A full-page screenshot without the sticky top bar drawn over the middle: the viewport is made as tall as the
// page for the shot.
export async function screenshotWholePage(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
  await page.setViewportSize(viewport);
}
