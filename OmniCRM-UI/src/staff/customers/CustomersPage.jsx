import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import FilterSelect from '../../shared/ui/FilterSelect';
import { RestoreIcon, TrashIcon } from '../../shared/ui/icons';
import ListTable, { SelectCell } from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import useDebounced from '../../shared/useDebounced';
import useSelection from '../../shared/useSelection';
import { ACCOUNT_TYPES, CUSTOMER_STATUSES, PAYMENT_TYPES, paymentTypeLabel } from './customerFields';
import StatusBadge from './StatusBadge';

const PER_PAGE = 20;

// `sort` is the API's sort key of the sortable columns.
const COLUMNS = [
  { label: 'ID', sort: 'customer_id' },
  { label: 'Name', sort: 'customer_name' },
  { label: 'Account type' },
  { label: 'Status', sort: 'customer_status' },
  { label: 'Payment type' },
  { label: 'Created', sort: 'created' },
];

const FILTERS = [
  {
    field: 'customer_status',
    label: 'Status',
    options: [['', 'All statuses'], ...CUSTOMER_STATUSES.map((s) => [s, s])],
  },
  { field: 'customer_account_type', label: 'Account type', options: [['', 'All account types'], ...ACCOUNT_TYPES] },
  { field: 'customer_payment_type', label: 'Payment type', options: [['', 'All payment types'], ...PAYMENT_TYPES] },
];
const NO_FILTERS = { customer_status: '', customer_account_type: '', customer_payment_type: '' };

// "3 archived, 2 blocked", naming the blocked customers and why.
function ArchiveSummary({ outcome }) {
  const { archived, blocked } = outcome;
  return (
    <Alert kind={blocked.length > 0 ? 'warning' : 'success'}>
      <strong>
        {archived.length} archived, {blocked.length} blocked
      </strong>
      {blocked.length > 0 && (
        <ul className="alert__list">
          {blocked.map(({ customer, reason }) => (
            <li key={customer.customer_id}>
              {customer.customer_name} (#{customer.customer_id}): {reason}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

// Customers → List (spec 02 §7.4): search, filters, sorting, paging and archiving in bulk.
export default function CustomersPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sort, setSort] = useState({ sort: 'created', order: 'desc' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const { selected, setSelected, rowBox, selectAll } = useSelection((row) => row.customer_id);
  const [dialog, setDialog] = useState(null);
  const [outcome, setOutcome] = useState(null);
  const mayArchive = can('delete_customer', session);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/customers', {
        params: {
          page,
          per_page: PER_PAGE,
          search: settledSearch.trim() || undefined,
          ...sort,
          ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)),
          include_archived: includeArchived ? 'true' : undefined,
        },
      });
      setResult(data);
      setSelected([]);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, settledSearch, sort, filters, includeArchived]);

  useEffect(() => {
    load();
  }, [load]);

  // Any change of the query starts again at page 1.
  const refine = (change) => {
    change();
    setPage(1);
  };

  const changeSort = (key) =>
    refine(() => setSort((current) => nextSort(current, key, key === 'customer_name' ? 'asc' : 'desc')));

  const archivable = result?.data.filter((customer) => customer.customer_status !== 'Archived') ?? [];

  // Each archive is its own request and may be refused on its own (spec 02 §4.2).
  async function archive(customers) {
    const archived = [];
    const blocked = [];
    for (const customer of customers) {
      try {
        await api.delete(`/crm/customer/customer_id/${customer.customer_id}`);
        archived.push(customer);
      } catch (failure) {
        blocked.push({ customer, reason: failure.message });
      }
    }
    setDialog(null);
    setOutcome({ archived, blocked });
    load();
  }

  const open = (next) => {
    setOutcome(null);
    setDialog(next);
  };

  return (
    <Page title="Customers">
      <div className="stack">
        <div className="toolbar">
          <SearchBox
            label="Search customers"
            placeholder="Search name or ID"
            value={search}
            onChange={(text) => refine(() => setSearch(text))}
          />
          {FILTERS.map(({ field, label, options }) => (
            <FilterSelect
              key={field}
              label={label}
              value={filters[field]}
              options={options}
              onChange={(value) => refine(() => setFilters({ ...filters, [field]: value }))}
            />
          ))}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(event) => refine(() => setIncludeArchived(event.target.checked))}
            />
            Include archived
          </label>
          <div className="toolbar__end">
            {mayArchive && selected.length > 0 && (
              <button type="button" className="button button--danger" onClick={() => open({ customers: selected })}>
                Archive selected ({selected.length})
              </button>
            )}
            {can('create_customer', session) && (
              <Link className="button button--primary" to="/customers/new">
                Create Customer
              </Link>
            )}
          </div>
        </div>
        {outcome && <ArchiveSummary outcome={outcome} />}
        {error && <Alert>{error}</Alert>}
        <ListTable
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          selectAll={mayArchive ? selectAll(archivable, 'Select all customers on this page') : undefined}
          empty={result?.data.length === 0}
          emptyText="No customers found"
        >
          {result?.data.map((customer) => {
            const archived = customer.customer_status === 'Archived';
            return (
              <tr
                key={customer.customer_id}
                className="table__row--link"
                onClick={() => navigate(`/customers/${customer.customer_id}`)}
              >
                {mayArchive && (
                  <SelectCell box={archived ? null : rowBox(customer, `Select ${customer.customer_name}`)} />
                )}
                <td>{customer.customer_id}</td>
                <td>
                  <Link to={`/customers/${customer.customer_id}`} onClick={(event) => event.stopPropagation()}>
                    {customer.customer_name}
                  </Link>
                </td>
                <td>{customer.customer_account_type}</td>
                <td>
                  <StatusBadge status={customer.customer_status} />
                </td>
                <td>{paymentTypeLabel(customer.customer_payment_type)}</td>
                <td className="table__nowrap">{formatDate(customer.created, { locale: config.locale })}</td>
                <td className="table__actions" onClick={(event) => event.stopPropagation()}>
                  {mayArchive && !archived && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Archive ${customer.customer_name}`}
                      title="Archive"
                      onClick={() => open({ customers: [customer] })}
                    >
                      <TrashIcon />
                    </button>
                  )}
                  {mayArchive && archived && (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Restore ${customer.customer_name}`}
                      title="Restore"
                      onClick={() => open({ restore: customer })}
                    >
                      <RestoreIcon />
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="customers" />
      </div>

      {dialog?.customers && (
        <ConfirmDialog
          title={dialog.customers.length === 1 ? 'Archive customer' : `Archive ${dialog.customers.length} customers`}
          confirmLabel="Archive"
          danger
          onClose={() => setDialog(null)}
          onConfirm={() => archive(dialog.customers)}
        >
          <p>
            {dialog.customers.length === 1
              ? `${dialog.customers[0].customer_name} is archived:`
              : 'Each customer is archived on its own:'}
          </p>
          <ul>
            <li>hidden from the customer list and search;</li>
            <li>its portal users can no longer log in;</li>
            <li>contacts, sites, tags, attributes and the activity log are kept;</li>
            <li>it can be restored later.</li>
          </ul>
          <p>A customer with active services, unpaid invoices or uninvoiced transactions is not archived.</p>
        </ConfirmDialog>
      )}
      {dialog?.restore && (
        <ConfirmDialog
          title="Restore customer"
          confirmLabel="Restore"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.post(`/crm/customer/customer_id/${dialog.restore.customer_id}/restore`);
            setDialog(null);
            load();
          }}
        >
          <p>{dialog.restore.customer_name} gets back the status it had before it was archived.</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
