import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { customerDetail, page } from './testData';

afterEach(restoreApi);

const email = (fields) => ({
  communication_id: 1,
  channel: 'email',
  template_key: 'api_crmCommunicationCustomerWelcome',
  template_id: 9001,
  customer_id: 12,
  user_id: null,
  to_email: 'jo.smith@acme.test',
  to_name: 'Jo Smith',
  subject: 'Welcome to OmniCRM',
  variables: { customer_name: 'Jo' },
  attachment_filename: null,
  status: 'sent',
  provider_message_id: '1152921500000001',
  provider_message_uuid: 'a1b2',
  attempts: 1,
  error: null,
  created: '2026-01-10 10:00:00',
  sent_at: '2026-01-10 10:00:01',
  ...fields,
});

const EMAILS = [
  email({}),
  email({ communication_id: 2, template_key: 'api_crmCommunicationsBalanceLow', subject: null, status: 'queued' }),
  email({
    communication_id: 3,
    template_key: 'api_crmCommunicationCustomerInvoice',
    subject: 'Your invoice',
    status: 'failed',
    error: 'Mailjet refused the message',
  }),
  email({
    communication_id: 4,
    template_key: 'service_status_changed',
    subject: 'Your service is now Suspended',
    status: 'skipped',
    error: 'no template block',
  }),
];

function renderTab(permissions, routes = {}) {
  return renderApp(
    '/customers/12#10',
    {
      'GET /crm/customer/customer_id/12': [200, customerDetail()],
      'GET /crm/communication/customer_id/12': ({ params }) =>
        params.page === 1
          ? [200, page(EMAILS, { total_items: 24 })]
          : [200, page([email({ communication_id: 5, subject: 'Older' })], { current_page: 2, total_items: 24 })],
      ...routes,
    },
    loginBody({ permissions }),
  );
}

const rowOf = async (subject) => within((await screen.findByText(subject)).closest('tr'));

describe('E-mails tab', () => {
  it('is hidden without view_communication', async () => {
    const requests = renderTab(['view_customer']);
    await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' });
    expect(screen.queryByRole('tab', { name: 'E-mails' })).not.toBeInTheDocument();
    expect(requests.map((request) => request.key)).not.toContain('GET /crm/communication/customer_id/12');
  });

  it('lists the e-mails with their type, status badge and the reason of the failed and skipped ones', async () => {
    renderTab(['view_customer', 'view_communication']);
    const welcome = await rowOf('Welcome to OmniCRM');
    expect(screen.getByRole('tab', { name: 'E-mails' })).toHaveAttribute('aria-selected', 'true');
    expect(welcome.getByText('Customer Welcome')).toBeInTheDocument();
    expect(welcome.getByText('jo.smith@acme.test')).toBeInTheDocument();
    expect(welcome.getByText('Sent')).toHaveClass('badge--success');

    const low = within(screen.getByText('Balance Low').closest('tr'));
    expect(low.getByText('Queued')).toHaveClass('badge--info');
    expect(low.getByText('—')).toBeInTheDocument();
    const invoice = within(screen.getByText('Customer Invoice').closest('tr'));
    expect(invoice.getByText('Failed')).toHaveClass('badge--danger');
    expect(invoice.getByText('Mailjet refused the message')).toBeInTheDocument();
    const notice = within(screen.getByText('Service status changed').closest('tr'));
    expect(notice.getByText('Skipped')).toHaveClass('badge--warning');
    expect(notice.getByText('no template block')).toBeInTheDocument();
  });

  it('pages through the e-mails', async () => {
    const user = userEvent.setup();
    const requests = renderTab(['view_customer', 'view_communication']);
    await screen.findByText('Welcome to OmniCRM');
    expect(screen.getByText('Page 1 of 2 (24 e-mails)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Older')).toBeInTheDocument();
    expect(screen.queryByText('Welcome to OmniCRM')).not.toBeInTheDocument();
    await waitFor(() => expect(requests.at(-1).params).toEqual({ page: 2, per_page: 20 }));
  });
});
