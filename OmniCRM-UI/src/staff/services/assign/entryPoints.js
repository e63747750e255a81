import { can } from '../../../shared/session';
import { mayProvisionFor } from '../../provisioning/provisionRequest';

// The ways into the plan-assignment wizard: a plan for a customer (the customer step is skipped), or
// an add-on for a service (a top-up), each with who may take it.
export const assignPlanPath = (customerId) => `/services/assign?customer_id=${customerId}`;
export const addAddonPath = (serviceId) => `/services/assign?service_id=${serviceId}`;

export const mayAssignPlan = (customer, session) => can('create_provision', session) && mayProvisionFor(customer);
export const mayAddAddon = (service, session) =>
  can('create_provision', session) && service.service_status === 'Active';
