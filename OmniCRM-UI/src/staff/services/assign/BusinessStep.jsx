import Alert from '../../../shared/ui/Alert';
import { SelectField, TextField } from '../../../shared/ui/Field';
import useRecords from '../../../shared/useRecords';
import { address, fullName } from '../../customers/customerFields';
import StepActions from './StepActions';

// Nothing chosen yet: the `details` (null fields take their suggestion; '' means "none") and the
// `rows` the review shows of them.
export const NO_BUSINESS_DETAILS = {
  details: { site_id: null, billing_contact_id: null, technical_contact_id: null, po_number: '' },
  rows: [],
};

// The contacts of a business service: [field, label, the contact type suggested].
const CONTACT_ROLES = [
  ['billing_contact_id', 'Billing contact', 'Billing'],
  ['technical_contact_id', 'Technical contact', 'Technical'],
];

const contactOf = (contacts, type) =>
  contacts.find((contact) => (contact.contact_types ?? '').split(',').includes(type));

// The details as shown: a field not touched yet suggests the customer's only site, its Billing
// contact and its Technical contact.
function withSuggestions(details, sites, contacts) {
  const suggest = (value, record, key) => value ?? (record ? String(record[key]) : '');
  const shown = { ...details, site_id: suggest(details.site_id, sites.length === 1 ? sites[0] : null, 'site_id') };
  CONTACT_ROLES.forEach(([field, , type]) => {
    shown[field] = suggest(details[field], contactOf(contacts, type), 'contact_id');
  });
  return shown;
}

const siteLabel = (site) => [site.site_name, address(site)].filter(Boolean).join(' · ');

// The label of the record whose `key` is `id`, or "None".
function nameOf(records, key, id, label) {
  const record = records.find((candidate) => String(candidate[key]) === id);
  return record ? label(record) : 'None';
}

// What the review shows of the details: [label, text] rows.
function reviewRows(details, sites, contacts) {
  return [
    ['Installation site', nameOf(sites, 'site_id', details.site_id, siteLabel)],
    ...CONTACT_ROLES.map(([field, label]) => [label, nameOf(contacts, 'contact_id', details[field], fullName)]),
    ['PO number', details.po_number.trim() || 'None'],
  ];
}

// Business customers (spec 04 §18.5): the installation site, the billing and technical contacts
// and the customer's PO number, all optional. onNext(details, rows) hands over the choice and what
// the review shows of it.
export default function BusinessStep({ customerId, details, onChange, onBack, onNext }) {
  const { records: sites, error: sitesError } = useRecords(`/crm/site/customer_id/${customerId}`);
  const { records: contacts, error: contactsError } = useRecords(`/crm/contact/customer_id/${customerId}`);
  if (!sites || !contacts) {
    const error = sitesError || contactsError;
    return error ? <Alert>{error}</Alert> : <p className="page-loading">Loading the sites and contacts…</p>;
  }

  const shown = withSuggestions(details, sites, contacts);
  const set = (field) => (value) => onChange({ ...shown, [field]: value });
  const contactOptions = [['', 'None'], ...contacts.map((contact) => [String(contact.contact_id), fullName(contact)])];
  return (
    <section className="panel card form" aria-label="Business details">
      <SelectField
        id="assign-site"
        label="Installation site"
        hint={sites.length === 0 ? 'The customer has no site yet.' : undefined}
        value={shown.site_id}
        onChange={set('site_id')}
        options={[['', 'None'], ...sites.map((site) => [String(site.site_id), siteLabel(site)])]}
      />
      {CONTACT_ROLES.map(([field, label]) => (
        <SelectField
          key={field}
          id={`assign-${field}`}
          label={label}
          value={shown[field]}
          onChange={set(field)}
          options={contactOptions}
        />
      ))}
      <TextField id="assign-po-number" label="PO number" value={shown.po_number} onChange={set('po_number')} maxLength={64} />
      <StepActions onBack={onBack} onNext={() => onNext(shown, reviewRows(shown, sites, contacts))} />
    </section>
  );
}
