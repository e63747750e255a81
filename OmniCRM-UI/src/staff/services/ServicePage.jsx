import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import Badge from '../../shared/ui/Badge';
import HashTabs from '../../shared/ui/HashTabs';
import Page from '../../shared/ui/Page';
import RecordPlaceholder from '../../shared/ui/RecordPlaceholder';
import useRecords from '../../shared/useRecords';
import ActivityLog from '../activity/ActivityLog';
import JobDialog from '../provisioning/JobDialog';
import { jobStatus } from '../provisioning/jobStatus';
import AddonsTab from './AddonsTab';
import { addAddonPath, mayAddAddon } from './assign/entryPoints';
import CancelServiceDialog from './CancelServiceDialog';
import CgratesTab from './cgrates/CgratesTab';
import { day } from './display';
import EditServiceModal from './EditServiceModal';
import InventoryTab from './InventoryTab';
import LifecycleTab from './LifecycleTab';
import NotesTab from './NotesTab';
import OverviewTab from './OverviewTab';
import { RemoveAutoRenewDialog, RenewNowDialog } from './RenewalDialogs';
import { ServiceFlags, ServiceStatusBadge } from './ServiceBadges';
import TransactionsTab from './TransactionsTab';
import UsageTab from './UsageTab';

function ActivityTab({ service }) {
  return <ActivityLog url={`/crm/activity/service_id/${service.service_id}`} />;
}

// The tabs, opened by the URL hash (/services/5#usage); each is shown with its permission.
const TABS = [
  { key: 'overview', label: 'Overview', Tab: OverviewTab },
  { key: 'usage', label: 'Usage', Tab: UsageTab },
  { key: 'inventory', label: 'Inventory', Tab: InventoryTab },
  { key: 'addons', label: 'Add-ons', Tab: AddonsTab },
  { key: 'transactions', label: 'Transactions', permission: 'view_customer_transaction', Tab: TransactionsTab },
  { key: 'notes', label: 'Notes', Tab: NotesTab },
  { key: 'lifecycle', label: 'Life-cycle', Tab: LifecycleTab },
  { key: 'activity', label: 'Activity', permission: 'view_customer_activity', Tab: ActivityTab },
  { key: 'cgrates', label: 'CGRateS', permission: 'cgrates_api_access', Tab: CgratesTab },
];

// The newest provisioning job of the service: Running, Success or Failed, linked to the job.
function LatestJob({ latest }) {
  if (!latest) return null;
  const { label, kind } = jobStatus({ started: true, ...latest });
  return (
    <Link to={`/provisioning/${latest.provision_id}`} aria-label={`Latest provisioning: ${label}`}>
      <Badge kind={kind}>{label}</Badge>
    </Link>
  );
}

function HeaderMeta({ service }) {
  return (
    <div className="customer-meta">
      <ServiceStatusBadge status={service.service_status} />
      <ServiceFlags service={service} />
      <LatestJob latest={service.latest_provision} />
    </div>
  );
}

// What the Renew Now confirmation shows of the service.
function renewalOf(service) {
  const plan = service.usage?.action_plans?.[0];
  return {
    service_id: service.service_id,
    service_name: service.service_name,
    customer_name: service.customer_name,
    product_name: service.product_name,
    cost: service.retail_cost,
    next: plan?.NextExecTime ? day(plan.NextExecTime) : '',
  };
}

function Actions({ service, session, open }) {
  const mayUpdate = can('update_customer_service', session);
  const button = (label, dialog, kind = 'outline') => (
    <button type="button" className={`button button--${kind}`} onClick={() => open(dialog)}>
      {label}
    </button>
  );
  return (
    <>
      {mayUpdate && button('Edit', 'edit', 'primary')}
      {mayAddAddon(service, session) && (
        // A top-up is an add-on: the wizard opens on the add-ons that fit the service.
        <Link className="button button--outline" to={addAddonPath(service.service_id)}>
          Top up
        </Link>
      )}
      {can('create_provision', session) && service.service_status !== 'Inactive' && button('Renew Now', 'renew')}
      {mayUpdate && service.auto_renew && button('Remove auto-renew', 'removeAutoRenew')}
      {mayUpdate &&
        ['Active', 'Suspended'].includes(service.service_status) &&
        button('Cancel service', 'cancel', 'danger')}
    </>
  );
}

// One service (spec 04 UI "Service detail"): header with status, flags and the latest job, the
// actions, and the tabs.
export default function ServicePage() {
  const { serviceId } = useParams();
  const session = useSession();
  const { records: loaded, error, failure, reload } = useRecords(`/crm/service/${serviceId}`);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');

  // Until the new service arrives, the previous one is not shown under the new address.
  const service = String(loaded?.service_id) === serviceId ? loaded : null;
  if (!service || failure?.status === 404) {
    return <RecordPlaceholder what="Service" id={serviceId} failure={failure} list="/services" />;
  }

  const open = (next) => {
    setNotice('');
    setDialog(next);
  };
  const done = (message) => {
    setDialog(null);
    setNotice(message);
    reload();
  };
  const follow = (title) => (provisionId) => setDialog({ job: { title, provisionId } });
  const closeJob = () => {
    setDialog(null);
    reload();
  };

  return (
    <Page
      title={service.service_name}
      meta={<HeaderMeta service={service} />}
      actions={<Actions service={service} session={session} open={open} />}
    >
      {notice && <Alert kind="success">{notice}</Alert>}
      <HashTabs label="Service sections" idPrefix="service-tab" tabs={TABS}>
        {({ Tab }) => <Tab service={service} error={error} reload={reload} />}
      </HashTabs>

      {dialog === 'edit' && (
        <EditServiceModal
          service={service}
          onClose={() => setDialog(null)}
          onSaved={(saved) =>
            saved.provision_id ? follow('Status change')(saved.provision_id) : done('The service has been saved.')
          }
        />
      )}
      {dialog === 'renew' && (
        <RenewNowDialog
          renewal={renewalOf(service)}
          onClose={() => setDialog(null)}
          onStarted={follow(`Renewal of ${service.service_name}`)}
        />
      )}
      {dialog === 'removeAutoRenew' && (
        <RemoveAutoRenewDialog
          serviceId={service.service_id}
          serviceName={service.service_name}
          onClose={() => setDialog(null)}
          onRemoved={() => done('Auto-renew removed.')}
        />
      )}
      {dialog === 'cancel' && (
        <CancelServiceDialog
          service={service}
          onClose={() => setDialog(null)}
          onCancelled={(answer) =>
            answer.provision_id
              ? follow(`Cancellation of ${service.service_name}`)(answer.provision_id)
              : done(
                  answer.scheduled_deprovision_date
                    ? `The service ends on ${day(answer.scheduled_deprovision_date)}.`
                    : 'The service has been cancelled.',
                )
          }
        />
      )}
      {dialog?.job && <JobDialog {...dialog.job} onClose={closeJob} />}
    </Page>
  );
}
