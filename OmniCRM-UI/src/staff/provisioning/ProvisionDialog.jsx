import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatMoney } from '../../shared/format';
import Alert from '../../shared/ui/Alert';
import { SelectField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import RowsEditor from '../../shared/ui/RowsEditor';
import CustomerPicker from './CustomerPicker';
import InventorySelects, { useAvailableInventory } from './InventorySelect';
import { dueToday, inventoryTemplates, provisionRequest, variableKeyError } from './provisionRequest';

const money = (amount) => formatMoney(amount, config);

// An extra variable's inputs: "Variable N name" and "Variable N value".
const VARIABLE_FIELDS = [
  { key: 'key', label: 'name' },
  { key: 'value', label: 'value' },
];

function productLabel(product) {
  const period = product.contract_days ? ` every ${product.contract_days} days` : '';
  return `${product.product_name} (${money(product.retail_cost)}${period})`;
}

// "Provision a product" of the Provisioning page (spec 04 §2): the generic way to run a product's
// play — a customer found by the picker, a product sold to them, one available item per inventory
// template the product needs, optional extra playbook variables, then PUT /crm/provision/ and on to
// the live job view. Staff add services to a customer with the plan-assignment wizard.
export default function ProvisionDialog({ onClose }) {
  const navigate = useNavigate();
  const [customerId, setCustomerId] = useState('');
  const [products, setProducts] = useState(null);
  const [productsFailure, setProductsFailure] = useState('');
  const [productId, setProductId] = useState('');
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

  const { available } = useAvailableInventory(templates);

  useEffect(() => {
    setInventory({});
  }, [product]);

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
          <CustomerPicker customerId={customerId} onChange={setCustomerId} error={errors.customer_id} />
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
          <InventorySelects
            templates={templates}
            available={available}
            inventory={inventory}
            onPick={(name, value) => setInventory((chosen) => ({ ...chosen, [name]: value }))}
            errors={errors}
          />
          {product && (
            <fieldset className="fieldset">
              <legend>Extra variables (optional)</legend>
              <p className="form__hint">Passed to the playbook as text; they override the product&apos;s defaults.</p>
              <RowsEditor
                idPrefix="provision-variable"
                itemLabel="Variable"
                fields={VARIABLE_FIELDS}
                rows={variables}
                onChange={setVariables}
                newRow={() => ({ key: '', value: '' })}
                addLabel="Add variable"
                errorOf={(index, field) => (field === 'key' ? errors[variableKeyError(index)] : undefined)}
              />
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
