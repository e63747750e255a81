import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import HashTabs from '../../shared/ui/HashTabs';
import Page from '../../shared/ui/Page';
import RecordPlaceholder from '../../shared/ui/RecordPlaceholder';
import useRecords from '../../shared/useRecords';
import { assignPlanPath, mayAssignPlan } from '../services/assign/entryPoints';
import ActivityTab from './ActivityTab';
import AttributesTab from './AttributesTab';
import ContactsTab from './ContactsTab';
import { TAB_HASHES } from './customerTabs';
import EmailsTab from './EmailsTab';
import NotesTab from './NotesTab';
import OverviewTab from './OverviewTab';
import ServicesTab from './ServicesTab';
import SitesTab from './SitesTab';
import StatusBadge from './StatusBadge';
import TagPill from './TagPill';
import TagsTab from './TagsTab';

// Each tab is shown to users holding its view permission.
const TABS = [
  { key: 'overview', label: 'Overview', Tab: OverviewTab },
  { key: 'services', label: 'Services', permission: 'view_customer_service', Tab: ServicesTab },
  { key: 'contacts', label: 'Contacts', permission: 'view_customer_contact', Tab: ContactsTab },
  { key: 'sites', label: 'Sites', permission: 'view_customer_site', Tab: SitesTab },
  { key: 'tags', label: 'Tags', permission: 'view_customer_tag', Tab: TagsTab },
  { key: 'attributes', label: 'Attributes', permission: 'view_customer_attribute', Tab: AttributesTab },
  { key: 'notes', label: 'Notes', permission: 'view_customer_activity', Tab: NotesTab },
  { key: 'activity', label: 'Activity Log', permission: 'view_customer_activity', Tab: ActivityTab },
  { key: 'emails', label: 'E-mails', permission: 'view_communication', Tab: EmailsTab },
];

function HeaderMeta({ customer }) {
  return (
    <div className="customer-meta">
      <StatusBadge status={customer.customer_status} />
      {customer.tags
        .filter((tag) => tag.tag_active)
        .map((tag) => (
          <TagPill key={tag.tag_id} tag={tag} />
        ))}
    </div>
  );
}

// One customer (spec 02 §7.4): the header with status and active tags, and the tabs, opened by
// the URL hash (customerTabs.js).
export default function CustomerPage() {
  const { customerId } = useParams();
  const session = useSession();
  const { records: loaded, failure, reload } = useRecords(`/crm/customer/customer_id/${customerId}`);

  // Until the new customer arrives, the previous one is not shown under the new address.
  const customer = String(loaded?.customer_id) === customerId ? loaded : null;
  if (!customer || failure?.status === 404) {
    return <RecordPlaceholder what="Customer" id={customerId} failure={failure} list="/customers" />;
  }

  // The one way to add a service: the plan-assignment wizard for this customer.
  const actions = mayAssignPlan(customer, session) && (
    <Link className="button button--primary" to={assignPlanPath(customer.customer_id)}>
      Add service
    </Link>
  );

  return (
    <Page title={customer.customer_name} meta={<HeaderMeta customer={customer} />} actions={actions}>
      {failure && <Alert>{failure.message}</Alert>}
      <HashTabs label="Customer sections" idPrefix="customer-tab" tabs={TABS} hashOf={(key) => TAB_HASHES[key]}>
        {({ Tab }) => <Tab key={customer.customer_id} customer={customer} onChanged={reload} />}
      </HashTabs>
    </Page>
  );
}
