import { humanize } from '../activity/activity';

const MAILJET_KEY = /^api_crmCommunications?/;

// A readable name of an e-mail type: "api_crmCommunicationUserPasswordReset" → "User Password Reset";
// the internal notices ("service_status_changed") read "Service status changed".
export function emailTypeLabel(key) {
  if (!MAILJET_KEY.test(key)) return humanize(key);
  return key.replace(MAILJET_KEY, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}
