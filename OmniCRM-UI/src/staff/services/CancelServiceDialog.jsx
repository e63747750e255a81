import { useState } from 'react';
import { api } from '../../shared/api';
import { CheckboxField, TextAreaField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';

// Cancel a service: at the end of its period (Pending Cancellation) or, ticked, at once.
export default function CancelServiceDialog({ service, onClose, onCancelled }) {
  const [reason, setReason] = useState('');
  const [immediate, setImmediate] = useState(false);

  async function save() {
    const { data } = await api.post(`/crm/service/${service.service_id}/cancel`, {
      reason: reason.trim(),
      immediate,
      when: immediate ? 'now' : 'period_end',
    });
    onCancelled(data);
  }

  return (
    <FormModal title="Cancel service" submitLabel="Cancel service" onSave={save} onClose={onClose}>
      {(errors) => (
        <>
          <p className="form__hint">
            {service.service_name} stops renewing and ends {immediate ? 'now' : 'at the end of its current period'}.
          </p>
          <TextAreaField id="cancel-reason" label="Reason" value={reason} onChange={setReason} error={errors.reason} />
          <CheckboxField id="cancel-immediate" label="Cancel immediately" checked={immediate} onChange={setImmediate} />
        </>
      )}
    </FormModal>
  );
}
