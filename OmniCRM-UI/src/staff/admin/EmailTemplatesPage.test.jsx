import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

afterEach(restoreApi);

const RESET = {
  key: 'api_crmCommunicationUserPasswordReset',
  configured: true,
  from_email: 'noreply@example.com',
  from_name: 'OmniCRM',
  template_id: 9005,
  subject: 'Reset your password',
  variables: ['user_name', 'reset_url', 'expiry_time'],
};
const INVOICE = {
  key: 'api_crmCommunicationCustomerInvoice',
  configured: false,
  from_email: null,
  from_name: null,
  template_id: null,
  subject: null,
  variables: ['customer_name', 'invoice_number'],
};

const sent = (fields) => ({
  communication_id: 31,
  template_key: RESET.key,
  to_email: 'ops@example.com',
  status: 'sent',
  provider_message_id: '1152921500000042',
  error: null,
  ...fields,
});

function renderPage(routes = {}) {
  return renderApp('/admin/email-templates', {
    'GET /crm/communication/templates': [200, [RESET, INVOICE]],
    ...routes,
  });
}

const rowOf = async (label) => within((await screen.findByText(label)).closest('tr'));

async function openTest(user, label) {
  await user.click(await screen.findByRole('button', { name: `Send test: ${label}` }));
  return within(await screen.findByRole('dialog', { name: `Send test: ${label}` }));
}

describe('EmailTemplatesPage', () => {
  it('shows each e-mail type with its configuration', async () => {
    renderPage();
    const reset = await rowOf('User Password Reset');
    expect(reset.getByText(RESET.key)).toBeInTheDocument();
    expect(reset.getByText('Yes')).toHaveClass('badge--success');
    expect(reset.getByText('OmniCRM <noreply@example.com>')).toBeInTheDocument();
    expect(reset.getByText('9005')).toBeInTheDocument();
    expect(reset.getByText('Reset your password')).toBeInTheDocument();
    const invoice = await rowOf('Customer Invoice');
    expect(invoice.getByText('No')).toHaveClass('badge--neutral');
    expect(invoice.getAllByText('—')).toHaveLength(3);
  });

  it('sends a test with the typed variables and shows the Mailjet message id', async () => {
    const user = userEvent.setup();
    const requests = renderPage({ 'POST /crm/communication/test_email': [200, sent()] });
    const dialog = await openTest(user, 'User Password Reset');
    await user.type(dialog.getByLabelText('Recipient e-mail'), 'ops@example.com');
    await user.type(dialog.getByLabelText('user_name'), 'Ada');
    await user.type(dialog.getByLabelText('expiry_time'), '1 hour');
    await user.click(dialog.getByRole('button', { name: 'Send test' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'User Password Reset test e-mail to ops@example.com sent (Mailjet message ID 1152921500000042).',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.find((request) => request.key === 'POST /crm/communication/test_email').body).toEqual({
      template_key: RESET.key,
      to_email: 'ops@example.com',
      variables: { user_name: 'Ada', expiry_time: '1 hour' },
    });
  });

  it('shows why a test failed at Mailjet', async () => {
    const user = userEvent.setup();
    renderPage({
      'POST /crm/communication/test_email': [200, sent({ status: 'failed', error: 'Mailjet refused the message' })],
    });
    const dialog = await openTest(user, 'User Password Reset');
    await user.type(dialog.getByLabelText('Recipient e-mail'), 'ops@example.com');
    await user.click(dialog.getByRole('button', { name: 'Send test' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'User Password Reset test e-mail to ops@example.com failed: Mailjet refused the message',
    );
  });

  it('shows the reason the API refuses a test, in the form', async () => {
    const user = userEvent.setup();
    renderPage({
      'POST /crm/communication/test_email': ({ body }) =>
        body.to_email
          ? [409, { message: 'The e-mail type api_crmCommunicationCustomerInvoice has no Mailjet template' }]
          : [400, { message: 'Invalid test e-mail', errors: { to_email: 'required' } }],
    });
    const dialog = await openTest(user, 'Customer Invoice');
    await user.click(dialog.getByRole('button', { name: 'Send test' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('Invalid test e-mail');
    expect(dialog.getByText('required')).toBeInTheDocument();

    await user.type(dialog.getByLabelText('Recipient e-mail'), 'ops@example.com');
    await user.click(dialog.getByRole('button', { name: 'Send test' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'The e-mail type api_crmCommunicationCustomerInvoice has no Mailjet template',
    );
  });
});
