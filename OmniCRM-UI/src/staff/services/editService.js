// The edit modal's values and the PATCH body made of what changed (spec 04 §17).
export const editValues = (service) => ({
  service_name: service.service_name ?? '',
  service_status: service.service_status,
  suspension_reason: service.suspension_reason ?? 'other',
  service_notes: service.service_notes ?? '',
  auto_renew: Boolean(service.auto_renew),
  reprovision: true,
});

// Going to Inactive, or back from it, changes the network: the modal asks first.
export function needsConfirmation(service, values) {
  const from = service.service_status;
  const to = values.service_status;
  return from !== to && (to === 'Inactive' || from === 'Inactive');
}

export const isReactivation = (service, values) =>
  service.service_status === 'Inactive' && values.service_status === 'Active';

export function editBody(service, values) {
  const original = editValues(service);
  const body = {};
  ['service_name', 'service_status', 'service_notes', 'auto_renew'].forEach((field) => {
    if (values[field] !== original[field]) body[field] = values[field];
  });
  if (
    values.service_status === 'Suspended' &&
    (body.service_status || values.suspension_reason !== original.suspension_reason)
  ) {
    body.suspension_reason = values.suspension_reason;
  }
  if (isReactivation(service, values)) body.reprovision = values.reprovision;
  return body;
}
