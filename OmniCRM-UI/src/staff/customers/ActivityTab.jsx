import ActivityLog from '../activity/ActivityLog';

// Filter tabs by object type (spec 04 §23), for the records customers have so far; tags and
// attributes are logged as "customer".
const FILTERS = [
  ['All', ''],
  ['Customer', 'customer'],
  ['Contacts', 'contact'],
  ['Sites', 'site'],
  ['Services', 'service'],
  ['Notes', 'note'],
];

// Activity Log: every change to the customer and its records.
export default function ActivityTab({ customer }) {
  return <ActivityLog url={`/crm/activity/customer_id/${customer.customer_id}`} filters={FILTERS} />;
}
