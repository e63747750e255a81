import { useState } from 'react';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import Alert from '../../shared/ui/Alert';
import Badge from '../../shared/ui/Badge';
import Modal from '../../shared/ui/Modal';
import Pagination from '../../shared/ui/Pagination';
import useDebounced from '../../shared/useDebounced';
import { actorLabel, humanize, useActivity } from './activity';

const PER_PAGE = 20;

// Filter tabs by object type (spec 04 §23), for the records customers have so far; tags and
// attributes are logged as "customer".
const FILTERS = [
  ['All', ''],
  ['Customer', 'customer'],
  ['Contacts', 'contact'],
  ['Sites', 'site'],
  ['Notes', 'note'],
];

const shown = (value) => {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

function ActivityDetails({ row, onClose }) {
  const changes = Object.entries(row.changes_json ?? {});
  const details = [
    ['When', formatDateTime(row.created, { locale: config.locale })],
    ['By', actorLabel(row)],
    ['Object', `${humanize(row.object_type)}${row.object_id ? ` #${row.object_id}` : ''}`],
    ['Action', humanize(row.action)],
    ['Description', row.description],
    ['IP address', row.ip_address || '—'],
  ];
  return (
    <Modal title="Activity details" onClose={onClose} wide>
      <dl className="details details--compact">
        {details.map(([label, value]) => (
          <div className="details__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
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

// Activity Log: every change to the customer and its records, newest first; a row opens what
// changed and who changed it.
export default function ActivityTab({ customer }) {
  const [objectType, setObjectType] = useState('');
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState(null);
  const { result, error } = useActivity(customer.customer_id, {
    page,
    per_page: PER_PAGE,
    object_type: objectType,
    search: settledSearch.trim(),
  });

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Activity type">
          {FILTERS.map(([label, value]) => (
            <button
              key={label}
              type="button"
              role="tab"
              aria-selected={objectType === value}
              className="tabs__tab"
              onClick={() => {
                setObjectType(value);
                setPage(1);
              }}
            >
              {label}
            </button>
          ))}
        </div>
        <input
          type="search"
          className="toolbar__search toolbar__end"
          placeholder="Search descriptions"
          aria-label="Search activity"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="panel table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {result?.data.length === 0 && (
              <tr>
                <td colSpan={4} className="table__empty">
                  No activity found
                </td>
              </tr>
            )}
            {result?.data.map((row) => (
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
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pagination={result?.pagination} onPage={setPage} itemName="entries" />
      {opened && <ActivityDetails row={opened} onClose={() => setOpened(null)} />}
    </div>
  );
}
