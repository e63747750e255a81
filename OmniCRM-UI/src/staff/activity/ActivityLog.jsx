import { useState } from 'react';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import Badge from '../../shared/ui/Badge';
import DetailRow from '../../shared/ui/DetailRow';
import Modal from '../../shared/ui/Modal';
import Pagination from '../../shared/ui/Pagination';
import RecordsTable from '../../shared/ui/RecordsTable';
import SearchBox from '../../shared/ui/SearchBox';
import Tabs from '../../shared/ui/Tabs';
import useDebounced from '../../shared/useDebounced';
import useRecords from '../../shared/useRecords';
import { actorLabel, humanize } from './activity';

const PER_PAGE = 20;
const COLUMNS = ['When', 'Type', 'Description', 'By'];

const shown = (value) => {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

function ActivityDetails({ row, onClose }) {
  const changes = Object.entries(row.changes_json ?? {});
  return (
    <Modal title="Activity details" onClose={onClose} wide>
      <dl className="details details--compact">
        <DetailRow label="When">{formatDateTime(row.created, { locale: config.locale })}</DetailRow>
        <DetailRow label="By">{actorLabel(row)}</DetailRow>
        <DetailRow label="Object">{`${humanize(row.object_type)}${row.object_id ? ` #${row.object_id}` : ''}`}</DetailRow>
        <DetailRow label="Action">{humanize(row.action)}</DetailRow>
        <DetailRow label="Description">{row.description}</DetailRow>
        <DetailRow label="IP address">{row.ip_address || '—'}</DetailRow>
      </dl>
      {changes.length > 0 && (
        <table className="table" aria-label="Changes">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {changes.map(([field, change]) => (
              <tr key={field}>
                <td>
                  <code>{field}</code>
                </td>
                <td className="table__break">
                  {shown(change?.old)} → {shown(change?.new)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}

// An activity log (spec 04 §23) read from `url` (a customer's or a service's), newest first, with
// optional filter tabs by object type (`filters`, [label, object_type] pairs) and a search; a row
// opens what changed and who changed it.
export default function ActivityLog({ url, filters }) {
  const [objectType, setObjectType] = useState('');
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState(null);
  const { records: result, error } = useRecords(url, {
    page,
    per_page: PER_PAGE,
    object_type: objectType || undefined,
    search: settledSearch.trim() || undefined,
  });

  return (
    <div className="stack">
      <div className="toolbar">
        {filters && (
          <Tabs
            label="Activity type"
            options={filters}
            value={objectType}
            onChange={(value) => {
              setObjectType(value);
              setPage(1);
            }}
          />
        )}
        <SearchBox
          className="toolbar__search toolbar__end"
          label="Search activity"
          placeholder="Search descriptions"
          value={search}
          onChange={(text) => {
            setSearch(text);
            setPage(1);
          }}
        />
      </div>
      <RecordsTable
        error={error}
        columns={COLUMNS}
        showActions={false}
        records={result?.data}
        emptyText="No activity found"
        renderRow={(row) => (
          <tr key={row.activity_id} className="table__row--link" onClick={() => setOpened(row)}>
            <td className="table__nowrap">{formatDateTime(row.created, { locale: config.locale })}</td>
            <td>
              <Badge kind="info">{humanize(row.object_type)}</Badge>
            </td>
            <td>
              <button type="button" className="link-button" onClick={() => setOpened(row)}>
                {row.description}
              </button>
            </td>
            <td>{actorLabel(row)}</td>
          </tr>
        )}
      />
      <Pagination pagination={result?.pagination} onPage={setPage} itemName="entries" />
      {opened && <ActivityDetails row={opened} onClose={() => setOpened(null)} />}
    </div>
  );
}
