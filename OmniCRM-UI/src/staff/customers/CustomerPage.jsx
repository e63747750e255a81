import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';
import ProvisionDialog from '../provisioning/ProvisionDialog';
import { mayProvisionFor } from '../provisioning/provisionRequest';
import ActivityTab from './ActivityTab';
import AttributesTab from './AttributesTab';
import ContactsTab from './ContactsTab';
import { TAB_HASHES } from './customerTabs';
import NotesTab from './NotesTab';
import OverviewTab from './OverviewTab';
import SitesTab from './SitesTab';
import StatusBadge from './StatusBadge';
import TagPill from './TagPill';
import TagsTab from './TagsTab';

// Each tab is shown to users holding its view permission.
const TABS = [
  { key: 'overview', label: 'Overview', Tab: OverviewTab },
  { key: 'contacts', label: 'Contacts', permission: 'view_customer_contact', Tab: ContactsTab },
  { key: 'sites', label: 'Sites', permission: 'view_customer_site', Tab: SitesTab },
  { key: 'tags', label: 'Tags', permission: 'view_customer_tag', Tab: TagsTab },
  { key: 'attributes', label: 'Attributes', permission: 'view_customer_attribute', Tab: AttributesTab },
  { key: 'notes', label: 'Notes', permission: 'view_customer_activity', Tab: NotesTab },
  { key: 'activity', label: 'Activity Log', permission: 'view_customer_activity', Tab: ActivityTab },
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
  const { hash } = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const [loaded, setLoaded] = useState(null);
  const [error, setError] = useState(null);
  const [provisioning, setProvisioning] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get(`/crm/customer/customer_id/${customerId}`);
      setLoaded(data);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [customerId]);

  useEffect(() => {
    load();
  }, [load]);

  // Until the new customer arrives, the previous one is not shown under the new address.
  const customer = String(loaded?.customer_id) === customerId ? loaded : null;

  if (error?.status === 404) {
    return (
      <Page title="Customer not found">
        <EmptyState
          title="Customer not found"
          action={
            <Link className="button button--primary" to="/customers">
              Back to the customers
            </Link>
          }
        >
          There is no customer {customerId}.
        </EmptyState>
      </Page>
    );
  }
  if (!customer) {
    return <Page title={`Customer ${customerId}`}>{error ? <Alert>{error.message}</Alert> : <p>Loading…</p>}</Page>;
  }

  const tabs = TABS.filter((tab) => !tab.permission || can(tab.permission, session));
  const current = tabs.find((tab) => `#${TAB_HASHES[tab.key]}` === hash) ?? tabs[0];
  const { Tab } = current;

  const actions = can('create_provision', session) && mayProvisionFor(customer) && (
    <button type="button" className="button button--primary" onClick={() => setProvisioning(true)}>
      Add service
    </button>
  );

  return (
    <Page title={customer.customer_name} meta={<HeaderMeta customer={customer} />} actions={actions}>
      {error && <Alert>{error.message}</Alert>}
      <div className="tabs tabs--page tabs--scroll" role="tablist" aria-label="Customer sections">
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`customer-tab-${tab.key}`}
            aria-selected={tab === current}
            className="tabs__tab"
            onClick={() => navigate({ hash: `#${TAB_HASHES[tab.key]}` })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`customer-tab-${current.key}`}>
        <Tab key={customer.customer_id} customer={customer} onChanged={load} />
      </div>
      {provisioning && <ProvisionDialog customer={customer} onClose={() => setProvisioning(false)} />}
    </Page>
  );
}
