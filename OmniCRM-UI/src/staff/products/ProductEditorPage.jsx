import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';
import useTemplates from '../inventory/useTemplates';
import AvailabilityBadge from './AvailabilityBadge';
import {
  AvailabilitySection,
  BasicSection,
  ConfigurationSection,
  PricingSection,
  ProvisioningSection,
} from './ProductFormSections';
import { changedFields, cloneValues, productBody, productProblems, productValues, suggestSlug } from './productFields';
import useServiceTypes from './useServiceTypes';

// Errors the sections show next to a field; any other goes in the alert on top.
const PLACED = new Set([...Object.keys(productBody(productValues())), 'relies_on_list', 'inventory_items_list']);

// The product editor (spec 06 UI): /products/new (or ?clone=ID) creates, /products/:productId
// edits, or shows read-only without update_product. Another address starts a fresh form.
export default function ProductEditorPage() {
  const { pathname, search } = useLocation();
  return <ProductEditor key={`${pathname}${search}`} />;
}

function ProductEditor() {
  const { productId } = useParams();
  const [searchParams] = useSearchParams();
  const cloneId = productId ? null : searchParams.get('clone');
  const navigate = useNavigate();
  const session = useSession();
  const serviceTypes = useServiceTypes();
  const { templates, error: templatesError } = useTemplates();
  const [product, setProduct] = useState(null);
  const [values, setValues] = useState(() => (productId || cloneId ? null : productValues()));
  const [slugFollowsName, setSlugFollowsName] = useState(!productId && !cloneId);
  const [loadError, setLoadError] = useState(null);
  const [failure, setFailure] = useState(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');

  const sourceId = productId ?? cloneId;
  useEffect(() => {
    if (!sourceId) return undefined;
    let current = true;
    api
      .get(`/crm/product/product_id/${sourceId}`)
      .then(({ data }) => {
        if (!current) return;
        if (productId) {
          setProduct(data);
          setValues(productValues(data));
        } else {
          setValues(cloneValues(data));
        }
      })
      .catch((refusal) => current && setLoadError(refusal));
    return () => {
      current = false;
    };
  }, [sourceId, productId]);

  const editing = Boolean(productId);
  const readOnly = editing && !can('update_product', session);
  const title = editing
    ? (product?.product_name ?? `Product ${productId}`)
    : cloneId
      ? 'Clone Product'
      : 'Create Product';

  if (loadError) {
    return (
      <Page title={title}>
        {loadError.status === 404 ? (
          <EmptyState
            title="Product not found"
            action={
              <Link className="button button--primary" to="/products">
                Back to the products
              </Link>
            }
          >
            There is no product {sourceId}.
          </EmptyState>
        ) : (
          <Alert>{loadError.message}</Alert>
        )}
      </Page>
    );
  }
  if (!values) {
    return (
      <Page title={title}>
        <p>Loading…</p>
      </Page>
    );
  }

  const set = (field, value) => setValues((current) => ({ ...current, [field]: value }));
  const onNameChange = (name) =>
    setValues((current) => ({
      ...current,
      product_name: name,
      product_slug: slugFollowsName ? suggestSlug(name) : current.product_slug,
    }));
  const onSlugChange = (slug, fromSuggestion = false) => {
    setSlugFollowsName(fromSuggestion);
    set('product_slug', slug);
  };

  async function handleSubmit(event) {
    event.preventDefault();
    setNotice('');
    const problems = productProblems(values);
    if (Object.keys(problems).length > 0) {
      setFailure({ message: 'Some fields need attention before saving.', errors: problems });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      if (editing) {
        const body = changedFields(values, product);
        if (Object.keys(body).length === 0) {
          setNotice('Nothing has changed.');
          setSaving(false);
          return;
        }
        const { data } = await api.patch(`/crm/product/product_id/${productId}`, body);
        navigate('/products', { state: { notice: `${data.product_name} has been saved.` } });
      } else {
        const { data } = await api.put('/crm/product/', productBody(values));
        navigate('/products', { state: { notice: `${data.product_name} has been created.` } });
      }
    } catch (refusal) {
      // A taken slug is a 409 without field errors: it belongs next to the slug.
      const errors = refusal.status === 409 ? { product_slug: refusal.message, ...refusal.errors } : refusal.errors;
      setFailure({ message: refusal.message, errors });
      setSaving(false);
    }
  }

  const errors = failure?.errors ?? {};
  const unplaced = Object.entries(errors).filter(([field]) => !PLACED.has(field));
  const sectionProps = { values, set, errors };

  return (
    <Page
      title={title}
      meta={
        product && (
          <div className="customer-meta">
            <AvailabilityBadge status={product.availability_status} />
            <span className="badge">#{product.product_id}</span>
          </div>
        )
      }
    >
      <form className="form product-editor" onSubmit={handleSubmit} noValidate>
        {cloneId && (
          <Alert kind="info">
            A copy of product {cloneId}: check the name and slug, then create it as a new product.
          </Alert>
        )}
        {readOnly && (
          <Alert kind="info">You can view this product; changing it needs the update_product permission.</Alert>
        )}
        {notice && <Alert kind="info">{notice}</Alert>}
        {failure && (
          <Alert>
            {failure.message}
            {unplaced.length > 0 && (
              <ul className="alert__list">
                {unplaced.map(([field, reason]) => (
                  <li key={field}>
                    {field}: {reason}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <fieldset className="product-editor__sections" disabled={readOnly}>
          <BasicSection
            {...sectionProps}
            onNameChange={onNameChange}
            onSlugChange={onSlugChange}
            serviceTypes={serviceTypes}
          />
          <PricingSection {...sectionProps} />
          <ConfigurationSection {...sectionProps} templates={templates} templatesError={templatesError} />
          <ProvisioningSection {...sectionProps} />
          <AvailabilitySection {...sectionProps} />
        </fieldset>
        <div className="form__actions">
          {editing && can('create_product', session) && (
            <Link className="button button--outline" to={`/products/new?clone=${productId}`}>
              Clone
            </Link>
          )}
          <Link className="button button--outline" to="/products">
            {readOnly ? 'Back' : 'Cancel'}
          </Link>
          {!readOnly && (
            <button type="submit" className="button button--primary" disabled={saving}>
              {editing ? 'Save Changes' : 'Create Product'}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
