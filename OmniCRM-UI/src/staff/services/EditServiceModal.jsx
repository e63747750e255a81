import { useState } from 'react';
import { api } from '../../shared/api';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import { editBody, editValues, isReactivation, needsConfirmation } from './editService';
import { EDITABLE_STATUSES, SUSPENSION_REASONS } from './serviceStatus';

function StatusConfirmation({ service, values, onConfirm, onClose }) {
  const reactivating = isReactivation(service, values);
  return (
    <ConfirmDialog
      title={reactivating ? 'Reactivate service' : 'Deactivate service'}
      confirmLabel={reactivating ? 'Reactivate' : 'Deactivate'}
      danger={!reactivating}
      onClose={onClose}
      onConfirm={onConfirm}
    >
      {reactivating ? (
        <p>
          {service.service_name} becomes Active again
          {values.reprovision ? ' and is provisioned again in the network.' : ' without provisioning it again.'}
        </p>
      ) : (
        <p>
          {service.service_name} becomes Inactive: it is deprovisioned in the network and the customer loses the
          service.
        </p>
      )}
    </ConfirmDialog>
  );
}

// Edit a service (spec 04 §17): name, status (with the suspension reason), notes and auto-renew.
// Going to Inactive or back asks for confirmation first; onSaved receives the API's answer (with
// the provision_id of a job the change started).
export default function EditServiceModal({ service, onClose, onSaved }) {
  const [values, setValues] = useState(() => editValues(service));
  const [confirming, setConfirming] = useState(false);
  const set = (field) => (value) => setValues((current) => ({ ...current, [field]: value }));
  const statuses = EDITABLE_STATUSES.includes(service.service_status)
    ? EDITABLE_STATUSES
    : [service.service_status, ...EDITABLE_STATUSES];

  async function send() {
    const body = editBody(service, values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const { data } = await api.patch(`/crm/service/${service.service_id}`, body);
    onSaved(data);
  }

  async function save() {
    if (needsConfirmation(service, values)) setConfirming(true);
    else await send();
  }

  return (
    <>
      <FormModal title="Edit service" submitLabel="Save" onSave={save} onClose={onClose}>
        {(errors) => {
          // The props tying a field to its value and the API's reason.
          const bind = (field) => ({
            id: `service-${field}`,
            value: values[field],
            onChange: set(field),
            error: errors[field],
          });
          const tick = (field) => ({ id: `service-${field}`, checked: values[field], onChange: set(field) });
          return (
            <>
              <TextField label="Service Name" {...bind('service_name')} />
              <SelectField
                label="Service Status"
                {...bind('service_status')}
                options={statuses.map((status) => [status, status])}
              />
              {values.service_status === 'Suspended' && (
                <SelectField label="Suspension reason" {...bind('suspension_reason')} options={SUSPENSION_REASONS} />
              )}
              {isReactivation(service, values) && (
                <CheckboxField label="Provision the service again in the network" {...tick('reprovision')} />
              )}
              <TextAreaField label="Service Notes" {...bind('service_notes')} />
              <CheckboxField label="Auto-renew" {...tick('auto_renew')} />
            </>
          );
        }}
      </FormModal>
      {confirming && (
        <StatusConfirmation service={service} values={values} onConfirm={send} onClose={() => setConfirming(false)} />
      )}
    </>
  );
}
