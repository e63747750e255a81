import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { customerDetail } from './testData';

afterEach(restoreApi);

function renderForm(routes) {
  saveSession(loginBody());
  const requests = mockApi(routes);
  render(
    <MemoryRouter initialEntries={['/customers/new']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

async function fillForm(user) {
  await user.type(screen.getByLabelText('Name'), 'Acme Ltd');
  await user.selectOptions(screen.getByLabelText('Account type'), 'Business');
  await user.type(screen.getByLabelText('First name'), 'Jo');
  await user.type(screen.getByLabelText('Last name'), 'Smith');
  await user.type(screen.getByLabelText('E-mail'), 'jo.smith@acme.test');
  await user.type(screen.getByLabelText('Address line 1'), '1 Fleet Street');
  await user.type(screen.getByLabelText('Country'), 'United Kingdom');
  await user.type(screen.getByLabelText('Latitude'), '51.5074');
  await user.type(screen.getByLabelText('Longitude'), '-0.1278');
}

describe('create customer', () => {
  it('says live whether the site is located, with its plus code', async () => {
    const user = userEvent.setup();
    renderForm({});
    const feedback = screen.getByTestId('location-feedback');
    expect(feedback).toHaveTextContent('Location not set');
    await user.type(screen.getByLabelText('Latitude'), '51.5074');
    expect(feedback).toHaveTextContent('Location not set');
    await user.type(screen.getByLabelText('Longitude'), '-0.1278');
    expect(feedback).toHaveTextContent('Location set: 51.5074, -0.1278 · 9C3XGV4C+XV8');
    expect(feedback).toHaveClass('location-feedback--set');
  });

  it('sends the customer with its contact and site, then opens the customer', async () => {
    const user = userEvent.setup();
    const requests = renderForm({
      'PUT /crm/customer/': [200, customerDetail({ customer_id: 5 })],
      'GET /crm/customer/customer_id/5': [200, customerDetail({ customer_id: 5, customer_name: 'Acme Ltd' })],
    });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Create Customer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Ltd' })).toBeInTheDocument();
    const create = requests.find((request) => request.key === 'PUT /crm/customer/');
    expect(create.body).toEqual({
      customer_name: 'Acme Ltd',
      customer_account_type: 'Business',
      customer_payment_type: 'postpaid',
      tax_identifier: null,
      contract_start_date: null,
      contract_end_date: null,
      contact: {
        contact_firstname: 'Jo',
        contact_lastname: 'Smith',
        contact_email: 'jo.smith@acme.test',
        contact_phone: null,
        contact_types: 'Primary',
      },
      site: {
        site_name: null,
        address_line_1: '1 Fleet Street',
        address_line_2: null,
        city: null,
        state: null,
        zip_code: null,
        country: 'United Kingdom',
        address_note: null,
        latitude: 51.5074,
        longitude: -0.1278,
        plus_code: '9C3XGV4C+XV8',
      },
    });
  });

  it('leaves out the contact and the site when they are left empty', async () => {
    const user = userEvent.setup();
    const requests = renderForm({
      'PUT /crm/customer/': [200, customerDetail({ customer_id: 6 })],
      'GET /crm/customer/customer_id/6': [200, customerDetail({ customer_id: 6, customer_name: 'Solo' })],
    });
    await user.type(screen.getByLabelText('Name'), 'Solo');
    await user.click(screen.getByRole('button', { name: 'Create Customer' }));
    await screen.findByRole('heading', { level: 1, name: 'Solo' });
    const { body } = requests.find((request) => request.key === 'PUT /crm/customer/');
    expect(body).not.toHaveProperty('contact');
    expect(body).not.toHaveProperty('site');
  });

  it('shows each refused field next to its input, nested ones included', async () => {
    const user = userEvent.setup();
    renderForm({
      'PUT /crm/customer/': [
        400,
        {
          message: 'Invalid contact',
          errors: {
            customer_name: 'at most 255 characters',
            'contact.contact_email': 'not a valid e-mail address',
            'site.latitude': 'must be between -90 and 90',
            country: 'required (no default_country is configured)',
          },
        },
      ],
    });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Create Customer' }));

    expect(await screen.findByLabelText('E-mail')).toHaveAccessibleDescription('not a valid e-mail address');
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Latitude')).toHaveAccessibleDescription('must be between -90 and 90');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/at most 255 characters$/);
    expect(screen.getByLabelText('Longitude')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Country')).not.toHaveAttribute('aria-invalid');
    // A reason with no field of its own is listed with the message.
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Invalid contact');
    expect(alert).toHaveTextContent('country: required (no default_country is configured)');
    expect(alert).not.toHaveTextContent('contact.contact_email');
    expect(screen.getByRole('heading', { level: 1, name: 'Create Customer' })).toBeInTheDocument();
  });
});
