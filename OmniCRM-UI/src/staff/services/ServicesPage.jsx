import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import CheckboxMenu from '../../shared/ui/CheckboxMenu';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import Dropdown, { MenuButton } from '../../shared/ui/Dropdown';
import FilterSelect from '../../shared/ui/FilterSelect';
import { MoreIcon } from '../../shared/ui/icons';
import ListTable, { SelectCell } from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import PageSizeSelect from '../../shared/ui/PageSizeSelect';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import Tabs from '../../shared/ui/Tabs';
import useDebounced from '../../shared/useDebounced';
import useRecords from '../../shared/useRecords';
import useSelection from '../../shared/useSelection';
import useServiceTypes from '../products/useServiceTypes';
import CustomerPicker from '../provisioning/CustomerPicker';
import BulkDeleteResults from './BulkDeleteResults';
import ServiceCells, { SERVICE_COLUMNS } from './ServiceCells';
import { listFilters, SORT_PRESETS, sortPresetOf, STATUS_TABS } from './serviceStatus';

const PAGE_SIZES = [10, 25, 50, 100];
// The customer picker as a filter of the list: none chosen means every customer.
const CUSTOMER_FILTER = { idPrefix: 'services-customer', emptyLabel: 'All customers' };

// `sort` is the API's sort key of the sortable columns.
const COLUMNS = [
  { label: 'Service ID', sort: 'service_id' },
  { label: 'Service Name', sort: 'service_name' },
  { label: 'Customer', sort: 'customer_name' },
  ...SERVICE_COLUMNS,
];

// The confirmation of a (bulk) deletion: what deleting a service does, for good.
function DeleteServicesDialog({ services, onClose, onDeleted }) {
  const count = services.length;
  return (
    <DeleteDialog
      title={count === 1 ? 'Delete service' : `Delete ${count} services`}
      onClose={onClose}
      onConfirm={async () => {
        const { data } = await api.post('/crm/service/bulk_delete', {
          service_ids: services.map((service) => service.service_id),
        });
        onDeleted(data.results);
      }}
    >
      <p>
        {count === 1 ? `${services[0].service_name} is deleted` : `These ${count} services are deleted`}. Deletion is
        permanent:
      </p>
      <ul>
        <li>the services are cancelled in the network;</li>
        <li>their inventory is unassigned;</li>
        <li>recurring charges and auto-renewals stop;</li>
        <li>each deletion is logged in the customer&apos;s activity.</li>
      </ul>
    </DeleteDialog>
  );
}

// Services (spec 04 UI "Service list"): status tabs (Active by default), type and customer filters,
// search, sorting (by column or preset), paging, and deleting one or many services.
export default function ServicesPage() {
  const session = useSession();
  const serviceTypes = useServiceTypes();
  const [status, setStatus] = useState('Active');
  const [types, setTypes] = useState([]);
  const [customerId, setCustomerId] = useState('');
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [sort, setSort] = useState({ sort: 'service_id', order: 'desc' });
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]);
  const { selected, setSelected, rowBox, selectAll } = useSelection((row) => row.service_id);
  const [deleting, setDeleting] = useState(null);
  const [results, setResults] = useState(null);
  const mayDelete = can('delete_customer_service', session);

  const {
    records: result,
    error,
    reload,
  } = useRecords('/crm/service/', {
    page,
    per_page: perPage,
    ...sort,
    search: settledSearch.trim() || undefined,
    filters: listFilters(status, types, customerId),
  });

  // A new page of services starts with none ticked.
  useEffect(() => setSelected([]), [result, setSelected]);

  // Any change of the query starts again at page 1.
  const refine = (change) => {
    change();
    setPage(1);
  };
  // A setter of the query that starts again at page 1.
  const refined = (set) => (value) => refine(() => set(value));
  const changeSort = (key) => refine(() => setSort((current) => nextSort(current, key)));
  const preset = sortPresetOf(sort);
  const choosePreset = (value) =>
    setSort((current) => SORT_PRESETS.find(([key]) => key === value)?.[2] ?? current);
  const presetOptions = SORT_PRESETS.map(([value, label]) => [value, label]);

  const rows = result?.data ?? [];

  const openDelete = (services) => {
    setResults(null);
    setDeleting(services);
  };

  return (
    <Page title="Services">
      <div className="stack">
        <Tabs
          label="Service status"
          options={STATUS_TABS}
          value={status}
          onChange={refined(setStatus)}
        />
        <div className="toolbar">
          <SearchBox
            label="Search services"
            placeholder="Search name, ID, customer, number"
            value={search}
            onChange={refined(setSearch)}
          />
          <CheckboxMenu
            label="Service type"
            options={serviceTypes.map((type) => [type, type])}
            value={types}
            onChange={refined(setTypes)}
          />
          <div className="toolbar__picker">
            <CustomerPicker {...CUSTOMER_FILTER} customerId={customerId} onChange={refined(setCustomerId)} />
          </div>
          <FilterSelect
            label="Sort services"
            value={preset}
            options={preset ? presetOptions : [['', 'Sorted by column'], ...presetOptions]}
            onChange={refined(choosePreset)}
          />
          <PageSizeSelect
            label="Services per page"
            sizes={PAGE_SIZES}
            value={perPage}
            onChange={refined(setPerPage)}
          />
          <div className="toolbar__end">
            {mayDelete && (
              <>
                <span className="selection-count">{selected.length} selected</span>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={selected.length === 0}
                  onClick={() => openDelete(selected)}
                >
                  Delete Selected
                </button>
              </>
            )}
            {can('create_provision', session) && (
              <Link className="button button--primary" to="/services/assign">
                Assign Plan
              </Link>
            )}
          </div>
        </div>
        {results && <BulkDeleteResults results={results} />}
        {error && <Alert>{error}</Alert>}
        <ListTable
          label="Services"
          compact
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          selectAll={mayDelete ? selectAll(rows, 'Select all services on this page') : undefined}
          empty={result?.data.length === 0}
          emptyText={`No services found.${status ? ' Try the All Results tab.' : ''}`}
        >
          {rows.map((service) => (
            <tr key={service.service_id}>
              {mayDelete && <SelectCell box={rowBox(service, `Select ${service.service_name}`)} />}
              <td>{service.service_id}</td>
              <td>
                <Link to={`/services/${service.service_id}`}>{service.service_name}</Link>
              </td>
              <td>
                <Link to={`/customers/${service.customer_id}`}>{service.customer_name}</Link>
              </td>
              <ServiceCells service={service} />
              <td className="table__actions">
                <Dropdown label={`Actions for ${service.service_name}`} buttonContent={<MoreIcon />}>
                  <Link className="dropdown__item" role="menuitem" to={`/services/${service.service_id}`}>
                    View
                  </Link>
                  <Link className="dropdown__item" role="menuitem" to={`/services/${service.service_id}#usage`}>
                    Usage
                  </Link>
                  {mayDelete && (
                    <MenuButton danger onClick={() => openDelete([service])}>
                      Delete
                    </MenuButton>
                  )}
                </Dropdown>
              </td>
            </tr>
          ))}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="services" />
      </div>
      {deleting && (
        <DeleteServicesDialog
          services={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(answer) => {
            setDeleting(null);
            setResults(answer);
            reload();
          }}
        />
      )}
    </Page>
  );
}
