import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate, formatDateTime } from '../../shared/format';
import { permissionLabel } from '../../shared/permissions';
import Alert from '../../shared/ui/Alert';
import Badge from '../../shared/ui/Badge';
import Modal from '../../shared/ui/Modal';
import ApiKeyStatus from './ApiKeyStatus';

const when = (value, empty) => formatDateTime(value, { locale: config.locale, empty });

// One key (masked) with its recent access entries from the activity log.
export default function ApiKeyDetails({ apiKeyId, onClose }) {
  const [apiKey, setApiKey] = useState(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api
      .get(`/crm/api-keys/${apiKeyId}`)
      .then(({ data }) => setApiKey(data))
      .catch((failure) => setError(failure.message));
  }, [apiKeyId]);

  return (
    <Modal title={apiKey ? apiKey.name : 'API key'} onClose={onClose} wide>
      {error && <Alert>{error}</Alert>}
      {apiKey && (
        <div className="stack">
          <dl className="details details--compact">
            {[
              ['Description', apiKey.description || '—'],
              ['Status', <ApiKeyStatus key="status" apiKey={apiKey} />],
              ['API key', <code key="key">{apiKey.api_key_masked}</code>],
              ['Created', when(apiKey.created)],
              ['Created by', apiKey.created_by],
              ['Expires', formatDate(apiKey.expiry_date, { locale: config.locale, empty: 'Never' })],
              ['Last modified', when(apiKey.last_modified)],
              ['Last used', when(apiKey.last_used, 'Never')],
              ['Last used IP', apiKey.last_used_ip || '—'],
            ].map(([label, value]) => (
              <div className="details__row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div className="details__row">
              <dt>Permissions</dt>
              <dd className="badges">
                {apiKey.permissions.map((name) => (
                  <Badge key={name} kind="info">
                    {name === 'admin' ? 'Admin (all permissions)' : permissionLabel(name)}
                  </Badge>
                ))}
              </dd>
            </div>
          </dl>
          <h3>Recent access</h3>
          {apiKey.recent_access?.length ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Description</th>
                    <th scope="col">IP</th>
                  </tr>
                </thead>
                <tbody>
                  {apiKey.recent_access.map((entry) => (
                    <tr key={entry.activity_id}>
                      <td>{when(entry.created)}</td>
                      <td>{entry.action}</td>
                      <td>{entry.description}</td>
                      <td>{entry.ip_address || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="form__hint">No recorded access yet.</p>
          )}
        </div>
      )}
    </Modal>
  );
}
