import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatMoney } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import IconButton from '../../shared/ui/IconButton';
import { EditIcon, TrashIcon } from '../../shared/ui/icons';
import ListTable from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import useDebounced from '../../shared/useDebounced';
import { FIELD_NUMBERS, labelKey } from './templateFields';
import TemplateFormModal from './TemplateFormModal';

const PER_PAGE = 20;
const COLUMNS = [
  { label: 'Icon' },
  { label: 'Item', sort: 'item' },
  { label: 'Wholesale' },
  { label: 'Retail' },
  { label: 'Label 1' },
  { label: 'Label 2' },
  { label: 'Fields' },
  { label: 'Staff dropdown' },
  { label: 'Customer dropdown' },
  { label: 'Items' },
];

const money = (amount) => formatMoney(amount, config);
const yesNo = (flag) => (flag ? 'Yes' : 'No');
const fieldCount = (template) => FIELD_NUMBERS.filter((number) => template[labelKey(number)]).length;

// How many items use each template: {inventory_template_id: count}, read from each one's detail.
function useItemCounts(templates) {
  const [counts, setCounts] = useState({});
  useEffect(() => {
    if (!templates) return undefined;
    let current = true;
    Promise.all(
      templates.map((template) =>
        api
          .get(`/crm/inventory/template/inventory_template_id/${template.inventory_template_id}`)
          .then(({ data }) => [template.inventory_template_id, data.item_count])
          .catch(() => [template.inventory_template_id, null]),
      ),
    ).then((pairs) => current && setCounts(Object.fromEntries(pairs)));
    return () => {
      current = false;
    };
  }, [templates]);
  return counts;
}

// Inventory → Templates (spec 02 §7.5): the kinds of item kept in stock and their field labels.
export default function InventoryTemplatesPage() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [sort, setSort] = useState({ sort: 'item', order: 'asc' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const [dialog, setDialog] = useState(null);
  const [outcome, setOutcome] = useState(null);
  const counts = useItemCounts(result?.data);
  const mayCreate = can('create_inventory_template', session);
  const mayUpdate = can('update_inventory_template', session);
  const mayDelete = can('delete_inventory_template', session);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/inventory/template/', {
        params: { page, per_page: PER_PAGE, ...sort, search: settledSearch.trim() || undefined },
      });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, sort, settledSearch]);

  useEffect(() => {
    load();
  }, [load]);

  const done = (next) => {
    setDialog(null);
    setOutcome(next);
    load();
  };

  const changeSort = (key) => {
    setSort((current) => nextSort(current, key));
    setPage(1);
  };

  return (
    <Page title="Inventory Templates">
      <div className="stack">
        <div className="toolbar">
          <SearchBox
            label="Search templates"
            placeholder="Search templates"
            value={search}
            onChange={(text) => {
              setSearch(text);
              setPage(1);
            }}
          />
          {mayCreate && (
            <div className="toolbar__end">
              <button type="button" className="button button--primary" onClick={() => setDialog({ form: true })}>
                Add Template
              </button>
            </div>
          )}
        </div>
        {outcome && (
          <Alert kind={outcome.warnings?.length ? 'warning' : 'success'}>
            {outcome.message}
            {outcome.warnings?.length > 0 && (
              <ul className="alert__list">
                {outcome.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {error && <Alert>{error}</Alert>}
        <ListTable
          compact
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          empty={result?.data.length === 0}
          emptyText="No templates found"
        >
          {result?.data.map((template) => {
            const count = counts[template.inventory_template_id];
            return (
              <tr key={template.inventory_template_id}>
                <td>{template.icon ? <code className="table__code">{template.icon}</code> : '—'}</td>
                <td className="table__nowrap">
                  <strong>{template.item}</strong>
                </td>
                <td className="table__number">{money(template.wholesale_cost)}</td>
                <td className="table__number">{money(template.retail_cost)}</td>
                <td>{template.itemtext1_label}</td>
                <td>{template.itemtext2_label}</td>
                <td className="table__number">{fieldCount(template)}</td>
                <td>{yesNo(template.allow_staff_dropdown)}</td>
                <td>{yesNo(template.allow_customer_dropdown)}</td>
                <td className="table__number" data-testid={`item-count-${template.inventory_template_id}`}>
                  {count === undefined || count === null ? (
                    '…'
                  ) : (
                    <Link to={`/inventory?template=${template.inventory_template_id}`}>{count}</Link>
                  )}
                </td>
                <td className="table__actions">
                  {mayUpdate && (
                    <IconButton label={`Edit ${template.item}`} onClick={() => setDialog({ form: true, template })}>
                      <EditIcon />
                    </IconButton>
                  )}
                  {mayDelete && (
                    <IconButton label={`Delete ${template.item}`} onClick={() => setDialog({ remove: template })}>
                      <TrashIcon />
                    </IconButton>
                  )}
                </td>
              </tr>
            );
          })}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="templates" />
      </div>

      {dialog?.form && (
        <TemplateFormModal
          template={dialog.template}
          onClose={() => setDialog(null)}
          onSaved={(saved) =>
            done({
              message: `${saved.item} has been saved.`,
              warnings: saved.warnings ?? [],
            })
          }
        />
      )}
      {dialog?.remove && (
        <ConfirmDialog
          title="Delete template"
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/inventory/template/inventory_template_id/${dialog.remove.inventory_template_id}`);
            done({ message: `${dialog.remove.item} has been deleted.` });
          }}
        >
          <p>
            The template {dialog.remove.item} is deleted. A template that items still use cannot be deleted; products
            naming it can no longer be provisioned.
          </p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
