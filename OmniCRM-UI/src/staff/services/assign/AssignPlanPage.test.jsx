import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loginBody, restoreApi } from '../../../test/mockApi';
import { current, renderApp } from '../../../test/renderApp';
import { customer, customerDetail, page } from '../../customers/testData';
import { product } from '../../products/testData';
import { jobDetail } from '../../provisioning/testData';
import { service, serviceDetail } from '../testData';

afterEach(() => {
  restoreApi();
  vi.useRealTimers();
});

const SIM_PLAN = product({ product_id: 3, retail_setup_cost: 4.5, features: ['20GB data', 'Unlimited calls'] });
const BUSINESS_PLAN = product({
  product_id: 8,
  product_name: 'Business Fibre',
  service_type: 'internet',
  residential: false,
  business: true,
  auto_renew: 'true',
  inventory_items: [],
  features: [],
  terms: '24 months minimum term.',
});
const DATA_BOOST = product({
  product_id: 4,
  product_name: 'Data Boost',
  category: 'addon',
  contract_days: 0,
  inventory_items: [],
  auto_renew: 'false',
});
const STOCK = {
  'SIM Card': [
    { inventory_id: 5001, item: 'SIM Card', itemtext1: '8944990000000000101', item_state: 'New', reserved: false },
    { inventory_id: 5002, item: 'SIM Card', itemtext1: '8944990000000000102', item_state: 'New', reserved: true },
  ],
  'Mobile Number': [
    { inventory_id: 6002, item: 'Mobile Number', itemtext1: '+447700900123', item_state: 'In Stock', reserved: false },
  ],
};
const CUSTOMERS = [
  customer({ customer_id: 12, customer_name: 'Acme Ltd' }),
  customer({ customer_id: 123, customer_name: 'John Smith', customer_account_type: 'Individual' }),
];
// Acme Ltd (Business): one site, and contacts for billing and for technical matters.
const SITES = [{ site_id: 31, customer_id: 12, site_name: 'Head office', address_line_1: '1 High St', city: 'Leeds' }];
const contact = (id, first, types) => ({
  contact_id: id,
  customer_id: 12,
  contact_firstname: first,
  contact_lastname: 'Smith',
  contact_email: `${first.toLowerCase()}@acme.test`,
  contact_types: types,
});
const CONTACTS = [contact(41, 'Jo', 'Primary,Billing'), contact(42, 'Sam', 'Technical'), contact(43, 'Alex', 'Primary')];

const ROUTES = {
  'GET /crm/product/': [200, [SIM_PLAN, BUSINESS_PLAN, DATA_BOOST]],
  'GET /crm/customers': (request) => [
    200,
    page(
      CUSTOMERS.filter((row) => row.customer_name.toLowerCase().includes((request.params.search ?? '').toLowerCase())),
    ),
  ],
  'GET /crm/customer/customer_id/12': [200, customerDetail()],
  'GET /crm/site/customer_id/12': [200, SITES],
  'GET /crm/contact/customer_id/12': [200, CONTACTS],
  'GET /crm/inventory/available': (request) => [200, { data: STOCK[request.params.item] ?? [] }],
  'POST /crm/provision/reserve_inventory': (request) => [
    200,
    { reserved: request.body.inventory_ids, expires_at: '2025-01-10T12:10:00' },
  ],
  'PUT /crm/provision/': [200, { provision_id: 77, provisioning_status: 1, message: 'Provisioning job created' }],
  'GET /crm/provision/provision_id/77': [
    200,
    jobDetail({ provision_id: 77, provisioning_status: 0, completed_count: 4, service_id: 5 }),
  ],
  'GET /crm/service/5': [200, serviceDetail()],
};

function renderWizard(entry, routes = {}) {
  return renderApp(entry, { ...ROUTES, ...routes }, loginBody());
}

const cards = () => screen.queryAllByRole('article').map((article) => article.getAttribute('aria-label'));
const currentStep = () =>
  screen.getByRole('list', { name: 'Steps' }).querySelector('[aria-current="step"]').textContent;
const puts = (requests) => requests.filter((request) => request.key === 'PUT /crm/provision/');
const reservations = (requests) =>
  requests.filter((request) => request.key === 'POST /crm/provision/reserve_inventory').map((request) => request.body);

// The review, and the text it shows for a label.
function reviewed() {
  const review = within(screen.getByRole('region', { name: 'Review' }));
  return { review, value: (label) => review.getByText(label).nextElementSibling.textContent };
}

// Next on the business details step, with what it suggests.
async function acceptBusinessDetails(user) {
  const details = within(await screen.findByRole('region', { name: 'Business details' }));
  await user.click(await details.findByRole('button', { name: 'Next' }));
}

// Business Fibre for Acme Ltd (opened with ?customer_id=12&product_id=8): the suggested business
// details, the terms accepted, Confirm & Provision; returns the review.
async function confirmBusinessFibre(user) {
  await acceptBusinessDetails(user);
  const review = within(await screen.findByRole('region', { name: 'Review' }));
  await user.click(review.getByLabelText('The customer accepts the terms and conditions'));
  await user.click(review.getByRole('button', { name: 'Confirm & Provision' }));
  return review;
}

// The success panel of a Business Fibre job (#77) that names no service, Acme Ltd having `services`.
async function provisionedPanelWithout(user, services) {
  renderWizard('/services/assign?customer_id=12&product_id=8', {
    'GET /crm/provision/provision_id/77': [
      200,
      jobDetail({ provision_id: 77, provisioning_status: 0, product_id: 8, service_id: null }),
    ],
    'GET /crm/service/customer_id/12': [200, { data: services }],
  });
  await confirmBusinessFibre(user);
  return within(await screen.findByRole('region', { name: 'Provisioned' }));
}

async function chooseCustomer(user, search, option) {
  await user.type(screen.getByLabelText('Find customer'), search);
  await waitFor(() => expect(screen.getByRole('option', { name: option })).toBeInTheDocument());
  await user.selectOptions(screen.getByLabelText('Customer'), option);
}

describe('catalogue', () => {
  it('shows enabled products by customer type and category, with features and prices', async () => {
    const user = userEvent.setup();
    renderWizard('/services/assign');
    await screen.findByRole('article', { name: 'Mobile Prepaid 20GB' });
    expect(cards()).toEqual(['Mobile Prepaid 20GB']);
    const card = within(screen.getByRole('article', { name: 'Mobile Prepaid 20GB' }));
    expect(card.getByText('Unlimited calls')).toBeInTheDocument();
    expect(card.getByText('$4.50')).toBeInTheDocument();
    expect(card.getByText('$15.00')).toBeInTheDocument();
    expect(card.getByText('every 30 days')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Business' }));
    expect(cards()).toEqual(['Business Fibre']);
    expect(screen.getByText('24 months minimum term.')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Add-ons' }));
    expect(cards()).toEqual([]);
    expect(screen.getByRole('heading', { name: 'No products available' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Individual' }));
    expect(cards()).toEqual(['Data Boost']);
  });
});

describe('assigning a plan', () => {
  it('goes from catalogue to customer, inventory, auto-renew and review, then provisions and shows the service', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-10T12:00:00Z'));
    const user = userEvent.setup();
    const requests = renderWizard('/services/assign', {
      // Once the job ends it names the service its play created.
      'GET /crm/provision/provision_id/77': [
        200,
        jobDetail({ provision_id: 77, provisioning_status: 0, completed_count: 4, customer_id: 123, service_id: 9 }),
      ],
      'GET /crm/service/9': [
        200,
        serviceDetail({ service_id: 9, customer_id: 123, service_name: 'Mobile 20GB - 07700 900124' }),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Assign to Customer' }));

    expect(currentStep()).toBe('Customer');
    expect(screen.getByText(/cannot be moved to another customer later/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await chooseCustomer(user, 'john', 'John Smith (ID: 123)');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(currentStep()).toBe('Inventory');
    const next = screen.getByRole('button', { name: 'Next' });
    expect(next).toBeDisabled();
    expect(await screen.findByRole('option', { name: '8944990000000000102 (Reserved)' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('SIM Card'), '5001');
    expect(next).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Mobile Number'), '6002');
    expect(reservations(requests)).toEqual([{ inventory_ids: [5001] }, { inventory_ids: [6002] }]);
    await user.click(next);

    expect(currentStep()).toBe('Auto-renew');
    expect(
      screen.getByText(
        'Enable auto-renew for this service? When enabled the service renews at the end of each billing period and charges the default payment method.',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes' }));

    expect(currentStep()).toBe('Review');
    const { review, value } = reviewed();
    expect(value('Customer')).toBe('John Smith');
    expect(value('Product')).toBe('Mobile Prepaid 20GB');
    expect(value('SIM Card')).toBe('8944990000000000101');
    expect(value('Mobile Number')).toBe('+447700900123');
    expect(value('Setup cost (due today)')).toBe('$4.50');
    expect(value('Monthly cost')).toBe('$15.00');
    expect(value('Renewal date')).toBe('Feb 9, 2025');
    expect(value('Auto-renew')).toBe('Yes');
    await user.click(review.getByRole('button', { name: 'Confirm & Provision' }));

    expect(
      await screen.findByRole('heading', { name: 'Service provisioned successfully for John Smith' }),
    ).toBeInTheDocument();
    expect(puts(requests).map((request) => request.body)).toEqual([
      { product_id: 3, customer_id: 123, 'SIM Card': 5001, 'Mobile Number': 6002, auto_renew: true },
    ]);
    const panel = within(screen.getByRole('region', { name: 'Provisioned' }));
    expect(await panel.findByText('Mobile 20GB - 07700 900124')).toBeInTheDocument();
    expect(panel.getByText('Service ID').nextElementSibling).toHaveTextContent('9');
    expect(panel.getByText('Active')).toHaveClass('badge--success');
    expect(panel.getByRole('link', { name: 'View Service' })).toHaveAttribute('href', '/services/9');
    expect(screen.getByRole('heading', { name: /Provisioning Status: Success/ })).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'GET /crm/service/9').params).toEqual({ include_usage: false });
    expect(requests.some((request) => request.key.startsWith('GET /crm/service/customer_id'))).toBe(false);
  });

  it("falls back on the customer's newest service of the product when the job names none", async () => {
    const panel = await provisionedPanelWithout(userEvent.setup(), [
      service({ service_id: 3, product_id: 8, service_name: 'Fibre (old)' }),
      service({ service_id: 5 }),
      service({ service_id: 11, product_id: 8, service_name: 'Fibre (new)' }),
    ]);
    expect(await panel.findByText('Fibre (new)')).toBeInTheDocument();
    expect(panel.getByRole('link', { name: 'View Service' })).toHaveAttribute('href', '/services/11');
  });

  it("links to the customer's services when the job names no service and none is found", async () => {
    const panel = await provisionedPanelWithout(userEvent.setup(), [service()]);
    expect(await panel.findByRole('link', { name: "View the customer's services" })).toHaveAttribute(
      'href',
      '/customers/12#3',
    );
  });

  it('says "No inventory available" and reloads the list when an item was taken meanwhile', async () => {
    const user = userEvent.setup();
    let simReads = 0;
    const requests = renderWizard('/services/assign?customer_id=12&product_id=3', {
      'GET /crm/customer/customer_id/12': [200, customerDetail({ customer_account_type: 'Individual' })],
      'GET /crm/inventory/available': (request) => {
        if (request.params.item === 'Mobile Number') return [200, { data: [] }];
        simReads += 1;
        return [200, { data: simReads === 1 ? STOCK['SIM Card'] : STOCK['SIM Card'].slice(1) }];
      },
      'POST /crm/provision/reserve_inventory': [409, { message: 'Inventory item 5001 is reserved by another user' }],
    });
    expect(await screen.findByText('No inventory available')).toBeInTheDocument();
    expect(currentStep()).toBe('Inventory');
    await user.selectOptions(await screen.findByLabelText('SIM Card'), '5001');
    expect(
      await screen.findByText(/Inventory item 5001 is reserved by another user\. The SIM Card list has been refreshed/),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('option', { name: '8944990000000000101' })).not.toBeInTheDocument());
    expect(screen.getByLabelText('SIM Card')).toHaveValue('');
    expect(simReads).toBe(2);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(puts(requests)).toHaveLength(0);
  });

  it('skips the customer step from a customer page and opens the catalogue on its customer type', async () => {
    const user = userEvent.setup();
    const requests = renderWizard('/services/assign?customer_id=12');
    await screen.findByRole('article', { name: 'Business Fibre' });
    expect(screen.getByRole('tab', { name: 'Business' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Acme Ltd')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Assign to Customer' }));

    expect(screen.getAllByRole('listitem').map((step) => step.textContent)).toEqual([
      'Product',
      'Business details',
      'Review',
      'Provisioning',
    ]);
    await acceptBusinessDetails(user);
    const review = within(screen.getByRole('region', { name: 'Review' }));
    expect(review.getByText('Auto-renew').nextElementSibling).toHaveTextContent('Yes');
    const confirm = review.getByRole('button', { name: 'Confirm & Provision' });
    expect(confirm).toBeDisabled();
    await user.click(review.getByLabelText('The customer accepts the terms and conditions'));
    await user.click(confirm);
    await screen.findByRole('heading', { name: 'Service provisioned successfully for Acme Ltd' });
    expect(puts(requests)[0].body).toEqual({
      product_id: 8,
      customer_id: 12,
      auto_renew: true,
      site_id: 31,
      custom_fields: { billing_contact_id: 41, technical_contact_id: 42 },
    });
  });

  it("asks a business customer for the installation site, contacts and PO number, and sends them", async () => {
    const user = userEvent.setup();
    const requests = renderWizard('/services/assign?customer_id=12&product_id=8');
    const details = within(await screen.findByRole('region', { name: 'Business details' }));
    expect(currentStep()).toBe('Business details');
    const site = await details.findByLabelText('Installation site');
    expect(site).toHaveValue('31');
    expect(within(site).getByRole('option', { name: 'Head office · 1 High St, Leeds' })).toBeInTheDocument();
    expect(details.getByLabelText('Billing contact')).toHaveValue('41');
    expect(details.getByLabelText('Technical contact')).toHaveValue('42');
    await user.selectOptions(site, '');
    await user.selectOptions(details.getByLabelText('Billing contact'), '43');
    await user.type(details.getByLabelText('PO number'), ' PO-2025-17 ');
    await user.click(details.getByRole('button', { name: 'Next' }));

    const { review, value } = reviewed();
    expect(value('Installation site')).toBe('None');
    expect(value('Billing contact')).toBe('Alex Smith');
    expect(value('Technical contact')).toBe('Sam Smith');
    expect(value('PO number')).toBe('PO-2025-17');
    await user.click(review.getByRole('button', { name: 'Back' }));
    expect(await screen.findByLabelText('Billing contact')).toHaveValue('43');
    expect(screen.getByLabelText('PO number')).toHaveValue(' PO-2025-17 ');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.click(screen.getByLabelText('The customer accepts the terms and conditions'));
    await user.click(screen.getByRole('button', { name: 'Confirm & Provision' }));
    await screen.findByRole('heading', { name: 'Service provisioned successfully for Acme Ltd' });
    expect(puts(requests)[0].body).toEqual({
      product_id: 8,
      customer_id: 12,
      auto_renew: true,
      custom_fields: { billing_contact_id: 43, technical_contact_id: 42, po_number: 'PO-2025-17' },
    });
  });

  it('says when the sites and contacts cannot be read', async () => {
    renderWizard('/services/assign?customer_id=12&product_id=8', {
      'GET /crm/contact/customer_id/12': [403, { message: 'Permission denied' }],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Permission denied');
    expect(screen.queryByRole('region', { name: 'Review' })).not.toBeInTheDocument();
  });

  it('shows the failure with View Logs and Retry, and follows the new job in place', async () => {
    const user = userEvent.setup();
    const requests = renderWizard('/services/assign?customer_id=12&product_id=8', {
      'GET /crm/provision/provision_id/77': [
        200,
        jobDetail({
          provision_id: 77,
          provisioning_status: 2,
          error_summary: 'OCS refused the account',
          finished: '2025-03-04 09:16:00',
        }),
      ],
      'POST /crm/provision/provision_id/77/retry': [
        200,
        { provision_id: 78, provisioning_status: 1, retry_of_provision_id: 77 },
      ],
      'GET /crm/provision/provision_id/78': [
        200,
        jobDetail({ provision_id: 78, provisioning_status: 0, service_id: 5, completed_count: 4 }),
      ],
    });
    await confirmBusinessFibre(user);

    expect(await screen.findByText('OCS refused the account')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The service record may have been created but provisioning was not completed. Please review the error and retry.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View Logs' })).toHaveAttribute('href', '/provisioning/77');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'Service provisioned successfully for Acme Ltd' }),
    ).toBeInTheDocument();
    expect(current.location.pathname).toBe('/services/assign');
    expect(requests.filter((request) => request.key === 'POST /crm/provision/provision_id/77/retry')).toHaveLength(1);
  });

  it("shows the API's refusal on the review", async () => {
    const user = userEvent.setup();
    renderWizard('/services/assign?customer_id=12&product_id=8', {
      'PUT /crm/provision/': [409, { message: 'Customer is suspended' }],
    });
    const review = await confirmBusinessFibre(user);
    expect(await review.findByRole('alert')).toHaveTextContent('Customer is suspended');
    expect(review.getByRole('button', { name: 'Back' })).toBeInTheDocument();
  });
});

describe('adding an add-on to a service', () => {
  it('offers the compatible add-ons and provisions the chosen one for the service', async () => {
    const user = userEvent.setup();
    const requests = renderWizard('/services/assign?service_id=5', {
      'GET /crm/product/': [200, [DATA_BOOST]],
      'GET /crm/provision/provision_id/77': [
        200,
        jobDetail({ provision_id: 77, provisioning_status: 0, service_id: 5 }),
      ],
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Add an add-on to Mobile 20GB - 07700 900123' }),
    ).toBeInTheDocument();
    expect(requests.find((request) => request.key === 'GET /crm/product/').params).toEqual({
      category: 'addon',
      service_type: 'mobile',
      customer_id: 12,
    });
    expect(screen.queryByRole('tab', { name: 'Business' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Add to Service' }));
    const review = within(screen.getByRole('region', { name: 'Review' }));
    expect(review.getByText('Service').nextElementSibling).toHaveTextContent('Mobile 20GB - 07700 900123');
    expect(review.getByText('Renewal date').nextElementSibling).toHaveTextContent('One-off: no renewal');
    await user.click(review.getByRole('button', { name: 'Confirm & Provision' }));
    expect(
      await screen.findByRole('heading', { name: 'Data Boost added to Mobile 20GB - 07700 900123' }),
    ).toBeInTheDocument();
    expect(puts(requests)[0].body).toEqual({ product_id: 4, customer_id: 12, service_id: 5, auto_renew: false });
  });

  it('says when no add-on fits the service', async () => {
    renderWizard('/services/assign?service_id=5', { 'GET /crm/product/': [200, []] });
    expect(await screen.findByRole('heading', { name: 'No compatible add-ons available' })).toBeInTheDocument();
  });
});

describe('entry points', () => {
  it('opens the wizard for a customer from the Services tab of the customer page', async () => {
    const user = userEvent.setup();
    renderWizard('/customers/12#3', {
      'GET /crm/service/customer_id/12': [200, { data: [serviceDetail()] }],
    });
    const row = within((await screen.findByRole('link', { name: 'Mobile 20GB - 07700 900123' })).closest('tr'));
    expect(row.getByRole('link', { name: 'View usage' })).toHaveAttribute('href', '/services/5#usage');
    expect(row.getByText('Active')).toHaveClass('badge--success');
    await user.click(screen.getByRole('button', { name: 'Add Service' }));
    expect(`${current.location.pathname}${current.location.search}`).toBe('/services/assign?customer_id=12');
    expect(await screen.findByRole('article', { name: 'Business Fibre' })).toBeInTheDocument();
  });

  it('opens the wizard on a product from the catalogue page', async () => {
    const user = userEvent.setup();
    renderWizard('/products', { 'GET /crm/product/paginated': [200, page([SIM_PLAN])] });
    await user.click(await screen.findByRole('button', { name: 'Assign Mobile Prepaid 20GB to Customer' }));
    expect(`${current.location.pathname}${current.location.search}`).toBe('/services/assign?product_id=3');
    await waitFor(() => expect(currentStep()).toBe('Customer'));
    expect(screen.getByText('Mobile Prepaid 20GB', { selector: 'strong' })).toBeInTheDocument();
  });
});
