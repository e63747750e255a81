import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatMoney } from '../../shared/format';
import useDebounced from '../../shared/useDebounced';
import Alert from '../../shared/ui/Alert';
import { SelectField, TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import IconButton from '../../shared/ui/IconButton';
import { TrashIcon } from '../../shared/ui/icons';
import { dueToday, inventoryTemplates, provisionRequest, variableKeyError } from './provisionRequest';

const money = (amount) => formatMoney(amount, config);

function productLabel(product) {
  const period = product.contract_days ? ` every ${product.contract_days} days` : '';
  return `${product.product_name} (${money(product.retail_cost)}${period})`;
}

function itemLabel(item) {
  return [item.itemtext1 ?? `Item ${item.inventory_id}`, item.item_location].filter(Boolean).join(' · ');
}

// Without a customer from the page, a search picks one: results read "Name (ID: 12)".
function CustomerPicker({ customerId, onChange, error }) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search);
  const [customers, setCustomers] = useState([]);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    let current = true;
    api
      .get('/crm/customers', { params: { search: settled.trim() || undefined, per_page: 20 } })
      .then(({ data }) => {
        if (!current) return;
        setCustomers(data.data);
        setFailure('');
      })
      .catch((refusal) => current && setFailure(refusal.message));
    return () => {
      current = false;
    };
  }, [settled]);

  const options = customers.map((customer) => [
    String(customer.customer_id),
    `${customer.customer_name} (ID: ${customer.customer_id})`,
  ]);
  const chosen = options.some(([value]) => value === customerId);
  return (
    <>
      <TextField id="provision-customer-search" label="Find customer" type="search" value={search} onChange={setSearch} />
      {failure && <Alert>{failure}</Alert>}
      <SelectField
        id="provision-customer"
        label="Customer"
        hint={options.length === 0 ? 'No customer matches the search' : undefined}
        error={error}
        value={chosen ? customerId : ''}
        onChange={onChange}
        options={[['', 'Choose a customer'], ...options]}
      />
    </>
  );
}

// The items of one template that may be provisioned now; "No inventory available" when none.
function InventorySelect({ index, name, items, value, onChange, error }) {
  const id = `provision-inventory-${index}`;
  if (items === undefined) return <p className="page-loading">Loading {name} items…</p>;
  if (items instanceof Error) return <Alert>{`${name}: ${items.message}`}</Alert>;
  if (items.length === 0) {
    return (
      <div className="field">
        <span className="field__label">{name}</span>
        <p className="field__error">No inventory available</p>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  return (
    <SelectField
      id={id}
      label={name}
      error={error}
      value={value ?? ''}
      onChange={onChange}
      options={[['', `Choose a ${name}`], ...items.map((item) => [String(item.inventory_id), itemLabel(item)])]}
    />
  );
}

// "Provision a product" (spec 04 §2, §18): a purchasable product for the customer, one available
// item per inventory template the product needs, optional extra playbook variables, then
// PUT /crm/provision/ and on to the live job view.
export default function ProvisionDialog({ customer = null, onClose }) {
  const navigate = useNavigate();
  const [customerId, setCustomerId] = useState(customer ? String(customer.customer_id) : '');
  const [products, setProducts] = useState(null);
  const [productsFailure, setProductsFailure] = useState('');
  const [productId, setProductId] = useState('');
  const [available, setAvailable] = useState({});
  const [inventory, setInventory] = useState({});
  const [variables, setVariables] = useState([]);

  useEffect(() => {
    setProducts(null);
    setProductId('');
    if (!customerId) return undefined;
    let current = true;
    api
      .get('/crm/product/', { params: { customer_id: customerId } })
      .then(({ data }) => {
        if (!current) return;
        setProducts(data);
        setProductsFailure('');
      })
      .catch((refusal) => current && setProductsFailure(refusal.message));
    return () => {
      current = false;
    };
  }, [customerId]);

  const product = products?.find((candidate) => String(candidate.product_id) === productId) ?? null;
  const templates = inventoryTemplates(product);

  useEffect(() => {
    setAvailable({});
    setInventory({});
    let current = true;
    templates.forEach((name) => {
      api
        .get('/crm/inventory/available', { params: { item: name } })
        .then(({ data }) => current && setAvailable((loaded) => ({ ...loaded, [name]: data.data })))
        .catch((refusal) => current && setAvailable((loaded) => ({ ...loaded, [name]: new Error(refusal.message) })));
    });
    return () => {
      current = false;
    };
    // `templates` is derived from `product`.
  }, [product]);

  const setVariable = (index, change) =>
    setVariables((rows) => rows.map((row, at) => (at === index ? { ...row, ...change } : row)));

  async function save() {
    const { body, problems } = provisionRequest({ customerId, product, inventory, variables });
    if (Object.keys(problems).length > 0) {
      throw new ApiError({ status: 0, message: 'Check the highlighted fields', errors: problems });
    }
    const { data } = await api.put('/crm/provision/', body);
    navigate(`/provisioning/${data.provision_id}`);
  }

  const shown = new Set(['product_id', 'customer_id', 'provisioning_play', ...templates, ...variables.map((_, index) => variableKeyError(index))]);

  return (
    <FormModal title="Provision a product" submitLabel="Provision" onSave={save} onClose={onClose} wide>
      {(errors) => (
        <>
          {customer ? (
            <p className="form__hint">
              For <strong>{customer.customer_name}</strong> (ID: {customer.customer_id})
            </p>
          ) : (
            <CustomerPicker customerId={customerId} onChange={setCustomerId} error={errors.customer_id} />
          )}
          {productsFailure && <Alert>{productsFailure}</Alert>}
          {customerId && products === null && !productsFailure && <p className="page-loading">Loading products…</p>}
          {products?.length === 0 && (
            <Alert kind="info">No products available: none of the catalogue is sold to this customer now.</Alert>
          )}
          {products?.length > 0 && (
            <SelectField
              id="provision-product"
              label="Product"
              error={errors.product_id ?? errors.provisioning_play}
              value={productId}
              onChange={setProductId}
              options={[['', 'Choose a product'], ...products.map((item) => [String(item.product_id), productLabel(item)])]}
            />
          )}
          {templates.map((name, index) => (
            <InventorySelect
              key={name}
              index={index}
              name={name}
              items={available[name]}
              value={inventory[name]}
              onChange={(value) => setInventory((chosen) => ({ ...chosen, [name]: value }))}
              error={errors[name]}
            />
          ))}
          {product && (
            <fieldset className="fieldset">
              <legend>Extra variables (optional)</legend>
              <p className="form__hint">Passed to the playbook as text; they override the product&apos;s defaults.</p>
              {variables.map((row, index) => (
                // Rows have no identity but their place.
                <div className="label-rows__row" key={index}>
                  <TextField
                    id={`provision-variable-name-${index}`}
                    label={`Variable ${index + 1} name`}
                    value={row.key}
                    onChange={(key) => setVariable(index, { key })}
                    error={errors[variableKeyError(index)]}
                  />
                  <TextField
                    id={`provision-variable-value-${index}`}
                    label={`Variable ${index + 1} value`}
                    value={row.value}
                    onChange={(value) => setVariable(index, { value })}
                  />
                  <IconButton
                    label={`Remove variable ${index + 1}`}
                    onClick={() => setVariables((rows) => rows.filter((_, at) => at !== index))}
                  >
                    <TrashIcon />
                  </IconButton>
                </div>
              ))}
              <div className="inline-form">
                <button
                  type="button"
                  className="button button--outline"
                  onClick={() => setVariables((rows) => [...rows, { key: '', value: '' }])}
                >
                  Add variable
                </button>
              </div>
            </fieldset>
          )}
          {product && (
            <dl className="details pricing-preview" aria-label="Charges">
              <div className="details__row">
                <dt>Due today</dt>
                <dd>
                  <strong>{money(dueToday(product))}</strong>
                  <span className="pricing-preview__note">
                    setup {money(Number(product.retail_setup_cost) || 0)} + first period{' '}
                    {money(Number(product.retail_cost) || 0)}
                  </span>
                </dd>
              </div>
            </dl>
          )}
          {Object.entries(errors).some(([key]) => !shown.has(key)) && (
            <ul className="field__error">
              {Object.entries(errors)
                .filter(([key]) => !shown.has(key))
                .map(([key, reason]) => (
                  <li key={key}>
                    {key}: {reason}
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </FormModal>
  );
}
