import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import Page from '../../shared/ui/Page';
import {
  contactBody,
  contactEntered,
  contactValues,
  customerBody,
  customerValues,
  partErrors,
  siteBody,
  siteEntered,
  siteValues,
} from './customerFields';
import { ContactFields, CustomerFields, SiteFields } from './formSections';

// The API's error keys that the form shows next to a field; any other reason goes in the alert.
const PLACED = new Set([
  ...Object.keys(customerValues()),
  ...Object.keys(contactValues())
    .filter((field) => field !== 'contact_types')
    .map((field) => `contact.${field}`),
  ...[...Object.keys(siteValues()), 'plus_code'].map((field) => `site.${field}`),
]);

const update = (setValues) => (field, value) => setValues((current) => ({ ...current, [field]: value }));

// Create Customer (spec 02 §7.4): the customer, its primary contact and its first site in one
// PUT /crm/customer/; nothing is created unless every part is valid.
export default function NewCustomerPage() {
  const navigate = useNavigate();
  const [customer, setCustomer] = useState(customerValues);
  const [contact, setContact] = useState(contactValues);
  const [site, setSite] = useState(siteValues);
  const [failure, setFailure] = useState(null);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      const { data } = await api.put('/crm/customer/', {
        ...customerBody(customer),
        ...(contactEntered(contact) ? { contact: contactBody(contact) } : {}),
        ...(siteEntered(site) ? { site: siteBody(site) } : {}),
      });
      navigate(`/customers/${data.customer_id}`);
    } catch (refusal) {
      setFailure(refusal);
      setSaving(false);
    }
  }

  const errors = failure?.errors ?? {};
  const unplaced = Object.entries(errors).filter(([field]) => !PLACED.has(field));

  return (
    <Page title="Create Customer">
      <form className="form" onSubmit={handleSubmit} noValidate>
        {failure && (
          <Alert>
            {failure.message}
            {unplaced.length > 0 && (
              <ul className="alert__list">
                {unplaced.map(([field, reason]) => (
                  <li key={field}>
                    {field}: {reason}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <section className="panel card" aria-labelledby="new-customer-heading">
          <h2 id="new-customer-heading" className="card__title">
            Customer
          </h2>
          <CustomerFields values={customer} onChange={update(setCustomer)} errors={errors} idPrefix="customer" />
        </section>
        <section className="panel card" aria-labelledby="new-contact-heading">
          <h2 id="new-contact-heading" className="card__title">
            Primary contact
          </h2>
          <ContactFields
            values={contact}
            onChange={update(setContact)}
            errors={partErrors(errors, 'contact')}
            idPrefix="contact"
            showTypes={false}
          />
        </section>
        <section className="panel card" aria-labelledby="new-site-heading">
          <h2 id="new-site-heading" className="card__title">
            First site
          </h2>
          <SiteFields values={site} onChange={update(setSite)} errors={partErrors(errors, 'site')} idPrefix="site" />
        </section>
        <div className="form__actions">
          <Link className="button button--outline" to="/customers">
            Cancel
          </Link>
          <button type="submit" className="button button--primary" disabled={saving}>
            Create Customer
          </button>
        </div>
      </form>
    </Page>
  );
}
