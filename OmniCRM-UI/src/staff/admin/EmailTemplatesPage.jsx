import { useState } from 'react';
import Alert from '../../shared/ui/Alert';
import Badge from '../../shared/ui/Badge';
import Page from '../../shared/ui/Page';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { emailTypeLabel } from '../communications/emailTypes';
import TestEmailModal from './TestEmailModal';

const COLUMNS = ['Type', 'Configured', 'Sender', 'Template ID', 'Subject'];

const sender = ({ from_name: name, from_email: email }) => (name ? `${name} <${email}>` : email || '—');

// What a test send came to: sent (with Mailjet's message id) or failed (with the reason).
function TestResult({ message }) {
  const what = `${emailTypeLabel(message.template_key)} test e-mail to ${message.to_email}`;
  if (message.status === 'sent') {
    return <Alert kind="success">{`${what} sent (Mailjet message ID ${message.provider_message_id}).`}</Alert>;
  }
  return <Alert>{`${what} ${message.status}: ${message.error}`}</Alert>;
}

// Administration → E-mail Templates: the ten Mailjet e-mail types as configured (crm_config.yaml
// `mailjet`), each with a test send.
export default function EmailTemplatesPage() {
  const { records: templates, error } = useRecords('/crm/communication/templates');
  const [testing, setTesting] = useState(null);
  const [result, setResult] = useState(null);

  return (
    <Page title="E-mail Templates">
      <div className="stack">
        {result && <TestResult message={result} />}
        <RecordsTable
          error={error}
          columns={COLUMNS}
          records={templates}
          renderRow={(template) => {
            const label = emailTypeLabel(template.key);
            return (
              <tr key={template.key}>
                <td>
                  {label}
                  <p className="table__note table__break">
                    <code>{template.key}</code>
                  </p>
                </td>
                <td>
                  <Badge kind={template.configured ? 'success' : 'neutral'}>{template.configured ? 'Yes' : 'No'}</Badge>
                </td>
                <td>{sender(template)}</td>
                <td>{template.template_id ?? '—'}</td>
                <td>{template.subject || '—'}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--outline"
                    aria-label={`Send test: ${label}`}
                    onClick={() => {
                      setResult(null);
                      setTesting(template);
                    }}
                  >
                    Send test
                  </button>
                </td>
              </tr>
            );
          }}
        />
      </div>
      {testing && (
        <TestEmailModal
          template={testing}
          onClose={() => setTesting(null)}
          onSent={(message) => {
            setTesting(null);
            setResult(message);
          }}
        />
      )}
    </Page>
  );
}
