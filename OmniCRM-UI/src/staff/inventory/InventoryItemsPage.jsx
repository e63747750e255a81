import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate, formatMoney } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import FilterSelect from '../../shared/ui/FilterSelect';
import ListTable, { SelectCell } from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import useDebounced from '../../shared/useDebounced';
import useSelection from '../../shared/useSelection';
import BulkChangeModal from './BulkChangeModal';
import { ITEM_STATES } from './inventoryStates';
import ItemFormModal from './ItemFormModal';
import StateBadge from './StateBadge';
import { fieldLabel } from './templateFields';
import useTemplates from './useTemplates';

const PER_PAGE = 20;

// Inventory → Items (spec 02 §7.5): stock with filters, state badges and bulk changes.
export default function InventoryItemsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { state: navigationState } = useLocation();
  const [searchParams] = useSearchParams();
  const { templates, error: templatesError } = useTemplates();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [filters, setFilters] = useState({
    inventory_template_id: searchParams.get('template') ?? '',
    item_state: '',
    assignment: '',
  });
  const [location, setLocation] = useState('');
  const settledLocation = useDebounced(location);
  const [sort, setSort] = useState({ sort: 'inventory_id', order: 'desc' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const { selected, setSelected, rowBox, selectAll } = useSelection((row) => row.inventory_id);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState(navigationState?.notice ?? '');
  const mayCreate = can('create_inventory', session);
  const mayUpdate = can('update_inventory', session);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/inventory/', {
        params: {
          page,
          per_page: PER_PAGE,
          ...sort,
          search: settledSearch.trim() || undefined,
          inventory_template_id: filters.inventory_template_id || undefined,
          item_state: filters.item_state || undefined,
          item_location: settledLocation.trim() || undefined,
          unassigned: filters.assignment === 'unassigned' ? 'true' : undefined,
        },
      });
      setResult(data);
      setSelected([]);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, sort, settledSearch, filters, settledLocation]);

  useEffect(() => {
    load();
  }, [load]);

  const refine = (change) => {
    change();
    setPage(1);
  };
  const changeSort = (key) => refine(() => setSort((current) => nextSort(current, key, 'desc')));

  // With one template filtered, the text columns carry its labels.
  const filteredTemplate = templates?.find(
    (template) => String(template.inventory_template_id) === filters.inventory_template_id,
  );
  const columns = [
    { label: 'ID', sort: 'inventory_id' },
    { label: 'Item', sort: 'item' },
    { label: filteredTemplate ? fieldLabel(filteredTemplate, 1) : 'Item Text 1' },
    { label: filteredTemplate ? fieldLabel(filteredTemplate, 2) : 'Item Text 2' },
    { label: 'Location' },
    { label: 'State', sort: 'item_state' },
    { label: 'Customer' },
    { label: 'Service' },
    { label: 'Retail cost' },
    { label: 'Created', sort: 'created' },
  ];

  const rows = result?.data ?? [];

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    load();
  };

  const select = (field, label, options) => (
    <FilterSelect
      label={label}
      value={filters[field]}
      options={options}
      onChange={(value) => refine(() => setFilters({ ...filters, [field]: value }))}
    />
  );

  return (
    <Page title="Inventory Items">
      <div className="stack">
        <div className="toolbar">
          <SearchBox
            label="Search inventory"
            placeholder="Search ID, text fields, location, notes"
            value={search}
            onChange={(text) => refine(() => setSearch(text))}
          />
          {select('inventory_template_id', 'Template', [
            ['', 'All templates'],
            ...(templates ?? []).map((template) => [String(template.inventory_template_id), template.item]),
          ])}
          {select('item_state', 'State', [['', 'All states'], ...ITEM_STATES.map((state) => [state, state])])}
          <input
            className="toolbar__select"
            placeholder="Location"
            aria-label="Location"
            value={location}
            onChange={(event) => refine(() => setLocation(event.target.value))}
          />
          {select('assignment', 'Assignment', [
            ['', 'Assigned and unassigned'],
            ['unassigned', 'Unassigned only'],
          ])}
          <div className="toolbar__end">
            {mayCreate && (
              <Link className="button button--outline" to="/inventory/import">
                Bulk import
              </Link>
            )}
            {mayCreate && (
              <button
                type="button"
                className="button button--primary"
                disabled={!templates}
                onClick={() => setDialog({ add: true })}
              >
                Add Item
              </button>
            )}
          </div>
        </div>
        {mayUpdate && selected.length > 0 && (
          <div className="bulk-bar" role="region" aria-label="Bulk actions">
            <strong>{selected.length} selected</strong>
            <button type="button" className="button button--outline" onClick={() => setDialog({ bulk: 'state' })}>
              Set state
            </button>
            <button type="button" className="button button--outline" onClick={() => setDialog({ bulk: 'location' })}>
              Set location
            </button>
            <button type="button" className="button button--link" onClick={() => setSelected([])}>
              Clear selection
            </button>
          </div>
        )}
        {notice && <Alert kind="success">{notice}</Alert>}
        {templatesError && <Alert>Templates cannot be listed: {templatesError}</Alert>}
        {error && <Alert>{error}</Alert>}
        <ListTable
          compact
          columns={columns}
          sort={sort}
          onSort={changeSort}
          selectAll={mayUpdate ? selectAll(rows, 'Select all items on this page') : undefined}
          withActions={false}
          empty={result?.data.length === 0}
          emptyText="No inventory items found"
        >
          {rows.map((item) => (
            <tr
              key={item.inventory_id}
              className="table__row--link"
              onClick={() => navigate(`/inventory/items/${item.inventory_id}`)}
            >
              {mayUpdate && <SelectCell box={rowBox(item, `Select item ${item.inventory_id}`)} />}
              <td>
                <Link to={`/inventory/items/${item.inventory_id}`} onClick={(event) => event.stopPropagation()}>
                  {item.inventory_id}
                </Link>
              </td>
              <td className="table__nowrap">{item.item}</td>
              <td className="table__nowrap">{item.itemtext1}</td>
              <td className="table__break">{item.itemtext2 ?? ''}</td>
              <td>{item.item_location ?? ''}</td>
              <td>
                <StateBadge state={item.item_state} />
              </td>
              <td onClick={(event) => event.stopPropagation()}>
                {item.customer_id ? <Link to={`/customers/${item.customer_id}`}>{item.customer_id}</Link> : '—'}
              </td>
              <td>{item.service_id ?? '—'}</td>
              <td className="table__number">{formatMoney(item.retail_cost, config)}</td>
              <td className="table__nowrap">{formatDate(item.created, { locale: config.locale })}</td>
            </tr>
          ))}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="items" />
      </div>

      {dialog?.add && (
        <ItemFormModal
          templates={templates ?? []}
          initialTemplateId={filters.inventory_template_id}
          onClose={() => setDialog(null)}
          onSaved={(item) => done(`${item.item} #${item.inventory_id} has been added.`)}
        />
      )}
      {dialog?.bulk && (
        <BulkChangeModal mode={dialog.bulk} items={selected} onClose={() => setDialog(null)} onDone={done} />
      )}
    </Page>
  );
}
