import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime, formatMoney } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import DetailRow from '../../shared/ui/DetailRow';
import Page from '../../shared/ui/Page';
import QrCode from '../../shared/ui/QrCode';
import RecordPlaceholder from '../../shared/ui/RecordPlaceholder';
import { ADDRESS_FIELDS, isWebUrl } from './itemFields';
import ItemFormModal from './ItemFormModal';
import StateBadge from './StateBadge';
import { FIELD_NUMBERS, fieldLabel } from './templateFields';

const when = (value) => formatDateTime(value, { locale: config.locale });

// The management URL as a 128 px QR code of the exact string, with a link only for web addresses
// (spec 02 §4.1.5); LPA strings show as text.
function ManagementUrl({ url }) {
  return (
    <div className="management-url">
      <QrCode text={url} label={`QR code of ${url}`} size={128} />
      {isWebUrl(url) ? (
        <a href={url} target="_blank" rel="noopener noreferrer" className="table__break">
          {url}
        </a>
      ) : (
        <code className="table__break">{url}</code>
      )}
    </div>
  );
}

// The stored password is never in a form; holders of update_inventory get it in the item and may
// reveal it here.
function ManagementPassword({ item }) {
  const [shown, setShown] = useState(false);
  if (!item.management_password_set) return 'Not set';
  if (!item.management_password) return 'Set';
  return (
    <span className="inline-form">
      <span>Set</span>
      <code className="secret-field">{shown ? item.management_password : '••••••••'}</code>
      <button type="button" className="button button--outline button--small" onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}

// One inventory item (spec 02 §7.5): its template-labelled fields, stock data, address, management
// details and config.
export default function ItemPage() {
  const { inventoryId } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const [item, setItem] = useState(null);
  const [error, setError] = useState(null);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');

  const load = useCallback(async () => {
    try {
      const { data } = await api.get(`/crm/inventory/inventory_id/${inventoryId}`);
      setItem(data);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [inventoryId]);

  useEffect(() => {
    load();
  }, [load]);

  if (!item || error?.status === 404) {
    return <RecordPlaceholder what="Item" id={inventoryId} failure={error} list="/inventory" />;
  }

  const texts = FIELD_NUMBERS.filter(
    (number) => item.itemtext_labels?.[`itemtext${number}`] || item[`itemtext${number}`],
  );
  const address = ADDRESS_FIELDS.filter(([field]) => item[field]);

  return (
    <Page
      title={`${item.item} #${item.inventory_id}`}
      meta={
        <div className="customer-meta">
          <StateBadge state={item.item_state} />
        </div>
      }
    >
      <div className="stack">
        <div className="toolbar">
          <div>
            <Link className="button button--outline" to="/inventory">
              Back to the items
            </Link>
          </div>
          <div className="toolbar__end">
            {can('update_inventory', session) && (
              <button type="button" className="button button--primary" onClick={() => setDialog('edit')}>
                Edit
              </button>
            )}
            {can('delete_inventory', session) && (
              <button type="button" className="button button--danger" onClick={() => setDialog('delete')}>
                Delete
              </button>
            )}
          </div>
        </div>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && <Alert>{error.message}</Alert>}
        <div className="detail-grid">
          <section className="panel card" aria-labelledby="item-fields-heading">
            <h2 id="item-fields-heading" className="card__title">
              {item.item}
            </h2>
            <dl className="details details--compact">
              {texts.map((number) => (
                <DetailRow key={number} label={fieldLabel(item.itemtext_labels, number)}>
                  {item[`itemtext${number}`] ?? '—'}
                </DetailRow>
              ))}
              <DetailRow label="Location">{item.item_location ?? '—'}</DetailRow>
              <DetailRow label="State">
                <StateBadge state={item.item_state} />
              </DetailRow>
              <DetailRow label="Customer">
                {item.customer_id ? (
                  <Link to={`/customers/${item.customer_id}`}>Customer {item.customer_id}</Link>
                ) : (
                  '—'
                )}
              </DetailRow>
              <DetailRow label="Service">{item.service_id ?? '—'}</DetailRow>
              <DetailRow label="Sold">{when(item.sold_date)}</DetailRow>
              <DetailRow label="Wholesale cost">{formatMoney(item.wholesale_cost, config)}</DetailRow>
              <DetailRow label="Retail cost">{formatMoney(item.retail_cost, config)}</DetailRow>
            </dl>
          </section>
          <section className="panel card" aria-labelledby="item-management-heading">
            <h2 id="item-management-heading" className="card__title">
              Management
            </h2>
            <dl className="details details--compact">
              <DetailRow label="URL">
                {item.management_url ? <ManagementUrl url={item.management_url} /> : '—'}
              </DetailRow>
              <DetailRow label="Username">{item.management_username ?? '—'}</DetailRow>
              <DetailRow label="Password">
                <ManagementPassword item={item} />
              </DetailRow>
              <DetailRow label="Config file">{item.config_file_path ?? '—'}</DetailRow>
            </dl>
          </section>
          <section className="panel card" aria-labelledby="item-address-heading">
            <h2 id="item-address-heading" className="card__title">
              Address and location
            </h2>
            <dl className="details details--compact">
              {address.map(([field, label]) => (
                <DetailRow key={field} label={label}>
                  {item[field]}
                </DetailRow>
              ))}
              <DetailRow label="Coordinates">
                {item.latitude !== null && item.longitude !== null ? `${item.latitude}, ${item.longitude}` : '—'}
              </DetailRow>
            </dl>
          </section>
          <section className="panel card" aria-labelledby="item-notes-heading">
            <h2 id="item-notes-heading" className="card__title">
              Config and notes
            </h2>
            {item.config_content ? (
              <pre className="config-content">{item.config_content}</pre>
            ) : (
              <p className="empty-text">No config stored</p>
            )}
            {item.inventory_notes && <p className="notes__text">{item.inventory_notes}</p>}
            <p className="table__note">
              Created {when(item.created)} · last modified {when(item.last_modified)}
            </p>
          </section>
        </div>
      </div>

      {dialog === 'edit' && (
        <ItemFormModal
          item={item}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setItem(saved);
            setNotice('The item has been saved.');
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title="Delete item"
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/inventory/inventory_id/${item.inventory_id}`);
            navigate('/inventory', { state: { notice: `${item.item} #${item.inventory_id} has been deleted.` } });
          }}
        >
          <p>
            {item.item} #{item.inventory_id} ({item.itemtext1}) is deleted for good. An item assigned to a customer or a
            service cannot be deleted: return it to stock first.
          </p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
