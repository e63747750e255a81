import Alert from '../../../shared/ui/Alert';
import { ATTRIBUTES, FILTERS } from './ocs';
import ProfileSection from './ProfileSection';
import SessionsSection from './SessionsSection';

// CGRateS (spec 04 §22, for users with cgrates_api_access): the account's attribute profile, its
// filter and its active sessions, each a collapsible section. Every change is a call through the
// audited OCS proxy.
export default function CgratesTab({ service }) {
  if (!service.service_uuid) return <p className="empty-text">This service has no account in the OCS.</p>;
  return (
    <div className="stack">
      <Alert kind="warning">
        Changes made here go straight to CGRateS, bypassing provisioning: wrong values affect how this service is
        charged. Each change is recorded in the activity log.
      </Alert>
      <ProfileSection service={service} kind={ATTRIBUTES} />
      <ProfileSection service={service} kind={FILTERS} />
      <SessionsSection service={service} />
    </div>
  );
}
