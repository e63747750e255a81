import { useState } from 'react';
import { api } from '../../shared/api';
import { TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import { emailTypeLabel } from '../communications/emailTypes';

// Send test: one e-mail of the type to an address, now; each variable left empty is sent as
// "sample <name>". onSent receives the communication row (sent, or failed with its error).
export default function TestEmailModal({ template, onClose, onSent }) {
  const [toEmail, setToEmail] = useState('');
  const [variables, setVariables] = useState({});

  async function send() {
    const typed = Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== ''));
    const { data } = await api.post('/crm/communication/test_email', {
      template_key: template.key,
      to_email: toEmail.trim(),
      variables: typed,
    });
    onSent(data);
  }

  return (
    <FormModal title={`Send test: ${emailTypeLabel(template.key)}`} submitLabel="Send test" onSave={send} onClose={onClose}>
      {(errors) => (
        <>
          <TextField
            id="test-email-to"
            label="Recipient e-mail"
            type="email"
            value={toEmail}
            onChange={setToEmail}
            error={errors.to_email}
          />
          <p className="form__hint">Variables left empty are sent as &quot;sample &lt;name&gt;&quot;.</p>
          {template.variables.map((name) => (
            <TextField
              key={name}
              id={`test-email-${name}`}
              label={name}
              placeholder={`sample ${name}`}
              value={variables[name]}
              onChange={(value) => setVariables((current) => ({ ...current, [name]: value }))}
            />
          ))}
        </>
      )}
    </FormModal>
  );
}
