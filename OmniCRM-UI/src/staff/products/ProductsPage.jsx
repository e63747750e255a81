import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDate, formatMoney } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import FilterSelect from '../../shared/ui/FilterSelect';
import IconButton from '../../shared/ui/IconButton';
import { CopyIcon, EditIcon, PowerIcon, RestoreIcon, TrashIcon, UserPlusIcon } from '../../shared/ui/icons';
import ListTable from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import PageSizeSelect from '../../shared/ui/PageSizeSelect';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import useDebounced from '../../shared/useDebounced';
import AvailabilityBadge from './AvailabilityBadge';
import { CATEGORIES, categoryLabel } from './productFields';
import useServiceTypes from './useServiceTypes';

const PAGE_SIZES = [20, 50, 100];

// `sort` is the API's sort key of the sortable columns.
const COLUMNS = [
  { label: 'ID', sort: 'product_id' },
  { label: 'Name / slug', sort: 'product_name' },
  { label: 'Category / type', sort: 'category' },
  { label: 'Price', sort: 'retail_cost' },
  { label: 'Margin' },
  { label: 'Sold to' },
  { label: 'Availability' },
];

const money = (amount) => formatMoney(amount, config);
const percent = (value) => (value === null || value === undefined ? '—' : `${value.toFixed(2)}%`);
const day = (value) => formatDate(value, { locale: config.locale, empty: '' });

// The API's `filters` query: {"category": ["addon"], "enabled": [false]}.
function filtersParam({ category, enabled, serviceType }) {
  const filters = {};
  if (category) filters.category = [category];
  if (enabled) filters.enabled = [enabled === 'true'];
  if (serviceType) filters.service_type = [serviceType];
  return Object.keys(filters).length > 0 ? JSON.stringify(filters) : undefined;
}

function Window({ product }) {
  const from = day(product.available_from);
  const until = day(product.available_until);
  return (
    <>
      <AvailabilityBadge status={product.availability_status} />
      {(from || until) && (
        <p className="table__note">
          {from ? `from ${from}` : 'from now'}
          <br />
          {until ? `until ${until}` : 'ongoing'}
        </p>
      )}
    </>
  );
}

// Products & Services (spec 06 UI): the whole catalogue, including disabled and out-of-window
// products, with margins for staff.
export default function ProductsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { state } = useLocation();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [filters, setFilters] = useState({ category: '', enabled: '', serviceType: '' });
  const [sort, setSort] = useState({ sort: 'product_id', order: 'asc' });
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(20);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState(state?.notice ?? '');
  const serviceTypes = useServiceTypes();
  const mayCreate = can('create_product', session);
  const mayUpdate = can('update_product', session);
  const mayDelete = can('delete_product', session);
  const mayAssign = can('create_provision', session);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/product/paginated', {
        params: {
          page,
          per_page: perPage,
          ...sort,
          search: settledSearch.trim() || undefined,
          filters: filtersParam(filters),
        },
      });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, perPage, sort, settledSearch, filters]);

  useEffect(() => {
    load();
  }, [load]);

  const refine = (change) => {
    change();
    setPage(1);
  };

  const changeSort = (key) => refine(() => setSort((current) => nextSort(current, key)));

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    load();
  };

  async function enable(product) {
    setNotice('');
    try {
      await api.patch(`/crm/product/product_id/${product.product_id}`, { enabled: true });
      done(`${product.product_name} is enabled again.`);
    } catch (failure) {
      setError(failure.message);
    }
  }

  const select = (field, label, options) => (
    <FilterSelect
      label={label}
      value={filters[field]}
      options={options}
      onChange={(value) => refine(() => setFilters({ ...filters, [field]: value }))}
    />
  );

  return (
    <Page title="Products & Services">
      <div className="stack">
        <div className="toolbar">
          <SearchBox
            label="Search products"
            placeholder="Search name, slug, service type"
            value={search}
            onChange={(text) => refine(() => setSearch(text))}
          />
          {select('category', 'Category', [['', 'All categories'], ...CATEGORIES])}
          {select('serviceType', 'Service type', [
            ['', 'All service types'],
            ...serviceTypes.map((type) => [type, type]),
          ])}
          {select('enabled', 'Enabled', [
            ['', 'Enabled and disabled'],
            ['true', 'Enabled only'],
            ['false', 'Disabled only'],
          ])}
          <PageSizeSelect
            label="Products per page"
            sizes={PAGE_SIZES}
            value={perPage}
            onChange={(size) => refine(() => setPerPage(size))}
          />
          {mayCreate && (
            <div className="toolbar__end">
              <Link className="button button--primary" to="/products/new">
                Create Product
              </Link>
            </div>
          )}
        </div>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert>{error}</Alert>}
        <ListTable
          compact
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          empty={result?.data.length === 0}
          emptyText="No products found"
        >
          {result?.data.map((product) => (
            <tr
              key={product.product_id}
              className={`table__row--link${product.enabled ? '' : ' table__row--muted'}`}
              onClick={() => navigate(`/products/${product.product_id}`)}
            >
              <td>{product.product_id}</td>
              <td>
                <Link to={`/products/${product.product_id}`} onClick={(event) => event.stopPropagation()}>
                  {product.product_name}
                </Link>
                <p className="table__note">
                  <code className="table__code">{product.product_slug}</code>
                </p>
              </td>
              <td>
                {categoryLabel(product.category)}
                <p className="table__note">{product.service_type ?? 'no service type'}</p>
              </td>
              <td className="table__number">
                {money(product.retail_cost)}
                <p className="table__note">
                  {product.contract_days ? `every ${product.contract_days} days` : 'one-off'}
                  {product.retail_setup_cost > 0 && ` + ${money(product.retail_setup_cost)} setup`}
                </p>
              </td>
              <td className="table__number">
                {money(product.monthly_margin)}
                <p className="table__note">{percent(product.margin_percent)} margin</p>
                <p className="table__note">{percent(product.markup_percent)} markup</p>
                <p className={`table__note${product.setup_margin < 0 ? ' text--danger' : ''}`}>
                  setup {money(product.setup_margin)}
                  {product.setup_margin < 0 && ' (subsidised)'}
                </p>
              </td>
              <td>
                {[product.residential && 'Residential', product.business && 'Business'].filter(Boolean).join(', ') ||
                  'Nobody'}
                <p className="table__note">{product.customer_can_purchase ? 'Self-care purchase' : 'Staff only'}</p>
              </td>
              <td>
                <Window product={product} />
              </td>
              <td className="table__actions" onClick={(event) => event.stopPropagation()}>
                {mayAssign && product.enabled && (
                  <IconButton
                    label={`Assign ${product.product_name} to Customer`}
                    onClick={() => navigate(`/services/assign?product_id=${product.product_id}`)}
                  >
                    <UserPlusIcon />
                  </IconButton>
                )}
                {mayUpdate && (
                  <IconButton
                    label={`Edit ${product.product_name}`}
                    onClick={() => navigate(`/products/${product.product_id}`)}
                  >
                    <EditIcon />
                  </IconButton>
                )}
                {mayCreate && (
                  <IconButton
                    label={`Clone ${product.product_name}`}
                    onClick={() => navigate(`/products/new?clone=${product.product_id}`)}
                  >
                    <CopyIcon />
                  </IconButton>
                )}
                {mayUpdate && product.enabled && (
                  <IconButton label={`Retire ${product.product_name}`} onClick={() => setDialog({ retire: product })}>
                    <PowerIcon />
                  </IconButton>
                )}
                {mayUpdate && !product.enabled && (
                  <IconButton label={`Enable ${product.product_name}`} onClick={() => enable(product)}>
                    <RestoreIcon />
                  </IconButton>
                )}
                {mayDelete && (
                  <IconButton label={`Delete ${product.product_name}`} onClick={() => setDialog({ remove: product })}>
                    <TrashIcon />
                  </IconButton>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="products" />
      </div>

      {dialog?.retire && (
        <ConfirmDialog
          title="Retire product"
          confirmLabel="Retire"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.patch(`/crm/product/product_id/${dialog.retire.product_id}`, { enabled: false });
            done(`${dialog.retire.product_name} is retired.`);
          }}
        >
          <p>{dialog.retire.product_name} is disabled:</p>
          <ul>
            <li>it disappears from every purchase and selection list;</li>
            <li>services already sold keep working and keep their price;</li>
            <li>it stays in this list and can be enabled again.</li>
          </ul>
        </ConfirmDialog>
      )}
      {dialog?.remove && (
        <DeleteDialog
          title="Delete product"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              await api.delete(`/crm/product/product_id/${dialog.remove.product_id}`);
            } catch (failure) {
              if (failure.status === 409) {
                throw new Error(`${failure.message} Product is in use — disable it or set an end date instead.`);
              }
              throw failure;
            }
            done(`${dialog.remove.product_name} has been deleted.`);
          }}
        >
          <p>
            {dialog.remove.product_name} (<code>{dialog.remove.product_slug}</code>) is removed from the catalogue for
            good. A product that has been sold cannot be deleted: retire it instead.
          </p>
        </DeleteDialog>
      )}
    </Page>
  );
}
