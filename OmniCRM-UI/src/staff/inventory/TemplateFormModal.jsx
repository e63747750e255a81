import { useEffect, useState } from 'react';
import { ApiError, api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import { CheckboxField, TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import IconButton from '../../shared/ui/IconButton';
import { TrashIcon } from '../../shared/ui/icons';
import { MAX_FIELDS, labelKey, templateBody, templateProblems, templateValues } from './templateFields';

// The products whose inventory items name `name` exactly (they lose the link on a rename).
async function productsNaming(name) {
  const found = [];
  for (let page = 1; ; page += 1) {
    const { data } = await api.get('/crm/product/paginated', { params: { page, per_page: 500 } });
    found.push(...data.data.filter((product) => (product.inventory_items ?? []).includes(name)));
    if (page >= data.pagination.total_pages) return found;
  }
}

function RenameWarning({ oldName }) {
  const session = useSession();
  const mayList = can('view_product', session);
  const [products, setProducts] = useState(null);
  useEffect(() => {
    if (!mayList) return undefined;
    let current = true;
    productsNaming(oldName)
      .then((found) => current && setProducts(found))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [oldName, mayList]);

  return (
    <Alert kind="warning">
      Renaming breaks the link with products that list <strong>{oldName}</strong> in their inventory items: they must be
      edited to use the new name. Items keep their data and take the new name.
      {products?.length > 0 && (
        <ul className="alert__list" aria-label="Products naming this template">
          {products.map((product) => (
            <li key={product.product_id}>
              {product.product_name} (#{product.product_id})
            </li>
          ))}
        </ul>
      )}
      {products?.length === 0 && <p className="alert__text">No product names it today.</p>}
    </Alert>
  );
}

// Add Template / Edit template (spec 02 §7.5): name and icon, default costs, up to 20 field labels
// (1 and 2 required), and where the template is offered.
export default function TemplateFormModal({ template, onClose, onSaved }) {
  const [values, setValues] = useState(() => templateValues(template));
  const set = (field) => (value) => setValues((current) => ({ ...current, [field]: value }));
  const setLabel = (index, label) =>
    setValues((current) => ({ ...current, labels: current.labels.map((held, at) => (at === index ? label : held)) }));
  const addField = () => setValues((current) => ({ ...current, labels: [...current.labels, ''] }));
  const removeLast = () => setValues((current) => ({ ...current, labels: current.labels.slice(0, -1) }));
  const renaming = template && values.item.trim() && values.item.trim() !== template.item;

  async function save() {
    const problems = templateProblems(values);
    if (Object.keys(problems).length > 0) {
      throw new ApiError({ status: 0, message: 'Some fields need attention before saving.', errors: problems });
    }
    const { data } = template
      ? await api.patch(
          `/crm/inventory/template/inventory_template_id/${template.inventory_template_id}`,
          templateBody(values),
        )
      : await api.put('/crm/inventory/template/', templateBody(values));
    onSaved(data);
  }

  return (
    <FormModal
      title={template ? `Edit ${template.item}` : 'Add Template'}
      submitLabel={template ? 'Save Changes' : 'Save Template'}
      wide
      onClose={onClose}
      onSave={save}
    >
      {(errors) => (
        <>
          <fieldset className="fieldset">
            <legend>Basic info</legend>
            <div className="form__grid">
              <TextField
                id="template-item"
                label="Item"
                required
                maxLength={100}
                hint="Exact, case-sensitive name that products refer to, e.g. SIM Card"
                value={values.item}
                onChange={set('item')}
                error={errors.item}
              />
              <TextField
                id="template-icon"
                label="Icon"
                maxLength={100}
                hint="Font Awesome class, e.g. fa-solid fa-sim-card"
                value={values.icon}
                onChange={set('icon')}
                error={errors.icon}
              />
            </div>
            {renaming && <RenameWarning oldName={template.item} />}
          </fieldset>
          <fieldset className="fieldset">
            <legend>Cost information</legend>
            <div className="form__grid">
              <TextField
                id="template-wholesale_cost"
                label="Wholesale cost"
                type="number"
                min={0}
                step="0.01"
                required
                hint="Default for new items"
                value={values.wholesale_cost}
                onChange={set('wholesale_cost')}
                error={errors.wholesale_cost}
              />
              <TextField
                id="template-retail_cost"
                label="Retail cost"
                type="number"
                min={0}
                step="0.01"
                required
                hint="Default for new items"
                value={values.retail_cost}
                onChange={set('retail_cost')}
                error={errors.retail_cost}
              />
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>Field labels</legend>
            <p className="form__hint">
              Labels name the item's text fields (field 1 is the item's identifier, e.g. ICCID). A blank label leaves
              its field unused; fields keep their numbers, so stored values stay where they are.
            </p>
            <div className="label-rows">
              {values.labels.map((label, index) => {
                const number = index + 1;
                const last = index === values.labels.length - 1;
                return (
                  <div className="label-rows__row" key={number}>
                    <TextField
                      id={`template-label-${number}`}
                      label={`Field ${number} label`}
                      required={number <= 2}
                      maxLength={100}
                      value={label}
                      onChange={(text) => setLabel(index, text)}
                      error={errors[labelKey(number)]}
                    />
                    {number > 2 && last && (
                      <IconButton label={`Remove field ${number}`} onClick={removeLast}>
                        <TrashIcon />
                      </IconButton>
                    )}
                  </div>
                );
              })}
            </div>
            <div className="inline-form">
              <button
                type="button"
                className="button button--outline"
                disabled={values.labels.length >= MAX_FIELDS}
                onClick={addField}
              >
                Add field
              </button>
              <span className="form__hint">
                {values.labels.length} of {MAX_FIELDS} fields
              </span>
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>Visibility</legend>
            <div className="checkbox-grid">
              <CheckboxField
                id="template-allow_staff_dropdown"
                label="Allow staff dropdown"
                checked={values.allow_staff_dropdown}
                onChange={set('allow_staff_dropdown')}
              />
              <CheckboxField
                id="template-allow_customer_dropdown"
                label="Allow customer dropdown"
                hint="Visible in the self-care portal"
                checked={values.allow_customer_dropdown}
                onChange={set('allow_customer_dropdown')}
              />
            </div>
          </fieldset>
        </>
      )}
    </FormModal>
  );
}
