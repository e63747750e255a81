import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate } from '../../shared/format';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import Dropdown, { MenuButton } from '../../shared/ui/Dropdown';
import { MoreIcon } from '../../shared/ui/icons';
import ListTable from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import Widgets from '../../shared/ui/Widgets';
import useDebounced from '../../shared/useDebounced';
import ApiKeyDetails from './ApiKeyDetails';
import ApiKeyFormModal from './ApiKeyFormModal';
import ApiKeyStatus from './ApiKeyStatus';
import KeyRevealDialog from './KeyRevealDialog';

const WIDGETS = [
  ['total', 'Total API Keys'],
  ['active', 'Active Keys'],
  ['expiring_soon', 'Expiring Soon'],
  ['expired', 'Expired Keys'],
];

const STATUSES = [
  ['all', 'All Keys'],
  ['active', 'Active Only'],
  ['expiring_soon', 'Expiring Soon'],
  ['expired', 'Expired'],
];

// Table columns; `sort` is the API's sort key for the sortable ones.
const COLUMNS = [
  { label: 'Name', sort: 'name' },
  { label: 'Created By', sort: 'created_by' },
  { label: 'API Key' },
  { label: 'Status' },
  { label: 'Created', sort: 'created' },
  { label: 'Expires', sort: 'expiry_date' },
];

// Administration → API Keys (spec 01 §8.1): database-managed keys for integrations.
export default function ApiKeysPage() {
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [status, setStatus] = useState('all');
  const [sort, setSort] = useState({ sort: 'created', order: 'desc' });
  const [result, setResult] = useState(null);
  const [catalogue, setCatalogue] = useState(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [dialog, setDialog] = useState(null);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/api-keys', {
        params: { search: settledSearch || undefined, status, ...sort },
      });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [settledSearch, status, sort]);

  useEffect(() => {
    load();
  }, [load]);

  const changeSort = (key) =>
    setSort((current) => nextSort(current, key, key === 'name' || key === 'created_by' ? 'asc' : 'desc'));

  // The add and edit forms need the permission catalogue; it is loaded on first use.
  async function openForm(apiKey) {
    setNotice('');
    try {
      if (!catalogue) setCatalogue((await api.get('/auth/permissions')).data);
      setDialog({ type: 'form', apiKey });
    } catch (failure) {
      setError(failure.message);
    }
  }

  function revealed(answer, message) {
    setDialog({ type: 'reveal', apiKey: answer });
    setNotice(message);
    load();
  }

  const apiKey = dialog?.apiKey;

  return (
    <Page title="API Keys">
      <div className="stack">
        <Widgets
          items={WIDGETS.map(([key, label]) => ({
            key,
            label,
            kind: key,
            value: result?.summary[key] ?? '–',
            testId: `summary-${key}`,
          }))}
        />
        <div className="toolbar">
          <SearchBox
            label="Search API keys"
            placeholder="Search name, description or key"
            value={search}
            onChange={setSearch}
          />
          <select aria-label="Status" className="toolbar__select" value={status} onChange={(event) => setStatus(event.target.value)}>
            {STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="button" className="button button--primary toolbar__end" onClick={() => openForm(null)}>
            + Add
          </button>
        </div>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert>{error}</Alert>}
        <ListTable
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          empty={result?.data.length === 0}
          emptyText="No API keys found"
        >
          {result?.data.map((row) => (
            <tr key={row.api_key_id}>
              <td>
                <button type="button" className="link-button" onClick={() => setDialog({ type: 'details', apiKey: row })}>
                  {row.name}
                </button>
              </td>
              <td>{row.created_by}</td>
              <td>
                <code>{row.api_key_masked}</code>
              </td>
              <td>
                <ApiKeyStatus apiKey={row} />
              </td>
              <td>{formatDate(row.created, { locale: config.locale })}</td>
              <td>{formatDate(row.expiry_date, { locale: config.locale, empty: 'Never' })}</td>
              <td className="table__actions">
                <Dropdown label={`Actions for ${row.name}`} buttonContent={<MoreIcon />}>
                  <MenuButton onClick={() => openForm(row)}>Edit</MenuButton>
                  <MenuButton onClick={() => setDialog({ type: 'regenerate', apiKey: row })}>Regenerate Key</MenuButton>
                  <MenuButton danger onClick={() => setDialog({ type: 'delete', apiKey: row })}>
                    Delete
                  </MenuButton>
                </Dropdown>
              </td>
            </tr>
          ))}
        </ListTable>
      </div>

      {dialog?.type === 'form' && (
        <ApiKeyFormModal
          apiKey={apiKey}
          catalogue={catalogue}
          onClose={() => setDialog(null)}
          onCreated={(answer) => revealed(answer, `The key ${answer.name} has been created.`)}
          onSaved={(answer) => {
            setDialog(null);
            setNotice(`The key ${answer.name} has been saved.`);
            load();
          }}
        />
      )}
      {dialog?.type === 'reveal' && <KeyRevealDialog apiKey={apiKey} onClose={() => setDialog(null)} />}
      {dialog?.type === 'details' && <ApiKeyDetails apiKeyId={apiKey.api_key_id} onClose={() => setDialog(null)} />}
      {dialog?.type === 'regenerate' && (
        <ConfirmDialog
          title="Regenerate API key"
          confirmLabel="Regenerate Key"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { data } = await api.post(`/crm/api-keys/${apiKey.api_key_id}/regenerate`);
            revealed(data, `The key ${apiKey.name} has been regenerated.`);
          }}
        >
          <p>
            A new value replaces the key <strong>{apiKey.name}</strong>. Integrations using the current
            key stop working immediately, until they are given the new one.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.type === 'delete' && (
        <ConfirmDialog
          title="Delete API key"
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/api-keys/${apiKey.api_key_id}`);
            setDialog(null);
            setNotice(`The key ${apiKey.name} has been deleted.`);
            load();
          }}
        >
          <p>
            Integrations using the key <strong>{apiKey.name}</strong> stop working immediately. Deletion
            cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
