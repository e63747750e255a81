import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../../shared/api';
import Alert from '../../../shared/ui/Alert';
import Page from '../../../shared/ui/Page';
import CustomerPicker from '../../provisioning/CustomerPicker';
import { itemLabel, useAvailableInventory } from '../../provisioning/InventorySelect';
import LiveJob from '../../provisioning/LiveJob';
import { inventoryTemplates, provisionRequest } from '../../provisioning/provisionRequest';
import AutoRenewStep from './AutoRenewStep';
import BusinessStep, { NO_BUSINESS_DETAILS } from './BusinessStep';
import InventoryStep from './InventoryStep';
import ProductCatalogue from './ProductCatalogue';
import ProvisionedPanel from './ProvisionedPanel';
import ReviewStep from './ReviewStep';
import StepActions from './StepActions';
import { audienceOf, businessRequest, presetAutoRenew, wizardSteps } from './steps';
import useAssignTarget from './useAssignTarget';

function StepList({ steps, current }) {
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {steps.map(([key, label]) => (
        <li key={key} className="wizard-steps__step" aria-current={key === current ? 'step' : undefined}>
          {label}
        </li>
      ))}
    </ol>
  );
}

// What is chosen so far: the product and the customer.
function Selection({ customer, product }) {
  if (!customer && !product) return null;
  return (
    <p className="form__hint">
      {product && <strong>{product.product_name}</strong>}
      {product && customer && ' for '}
      {customer && (
        <>
          <strong>{customer.customer_name}</strong> (ID: {customer.customer_id})
        </>
      )}
    </p>
  );
}

// Plan assignment (spec 04 §18): catalogue → customer → inventory → auto-renew → business details
// (business customers) → review → live progress. Opened with ?customer_id= from a customer page,
// ?product_id= from the catalogue, or ?service_id= to add an add-on to a service.
export default function AssignPlanPage() {
  const [params] = useSearchParams();
  const serviceId = params.get('service_id');
  const presetProductId = params.get('product_id');
  const target = useAssignTarget(params.get('customer_id'), serviceId);
  const [filter, setFilter] = useState({ audience: 'residential', kind: 'plan' });
  const [product, setProduct] = useState(null);
  const [chosenCustomer, setChosenCustomer] = useState(null);
  const [inventory, setInventory] = useState({});
  const [autoRenew, setAutoRenew] = useState(null);
  const [business, setBusiness] = useState(NO_BUSINESS_DETAILS);
  const [step, setStep] = useState('product');
  const [provisionId, setProvisionId] = useState(null);
  const templates = inventoryTemplates(product);
  const { available, reload } = useAvailableInventory(templates);

  const customerGiven = Boolean(params.get('customer_id') || serviceId);
  const customer = customerGiven ? target.customer : chosenCustomer;
  // A business customer's new service (not an add-on) has an installation site, contacts and a PO.
  const isBusiness = !target.service && customer?.customer_account_type === 'Business';
  const steps = wizardSteps({ product, customerGiven, business: isBusiness });
  const at = steps.findIndex(([key]) => key === step);
  const goBack = at > 0 ? () => setStep(steps[at - 1][0]) : undefined;
  const goNext = () => setStep(steps[at + 1][0]);

  function choose(picked) {
    setProduct(picked);
    setInventory({});
    setAutoRenew(presetAutoRenew(picked));
    setStep(wizardSteps({ product: picked, customerGiven, business: isBusiness })[1][0]);
  }

  useEffect(() => {
    if (target.customer) setFilter((current) => ({ ...current, audience: audienceOf(target.customer) }));
  }, [target.customer]);

  // From the catalogue's "Assign to Customer": the product is chosen already.
  const preset = target.products?.find((candidate) => String(candidate.product_id) === presetProductId);
  useEffect(() => {
    if (preset) choose(preset);
    // Once, when the catalogue arrives.
  }, [preset]);

  async function provision() {
    const { body, problems } = provisionRequest({ customerId: customer.customer_id, product, inventory });
    if (Object.keys(problems).length > 0) {
      throw new ApiError({ status: 0, message: 'The selection is incomplete', errors: problems });
    }
    if (target.service) body.service_id = target.service.service_id;
    body.auto_renew = Boolean(autoRenew);
    if (isBusiness) Object.assign(body, businessRequest(business.details));
    const { data } = await api.put('/crm/provision/', body);
    setProvisionId(data.provision_id);
    setStep('progress');
  }

  const chosenItems = templates.map((name) => {
    const item = Array.isArray(available[name])
      ? available[name].find((candidate) => String(candidate.inventory_id) === inventory[name])
      : null;
    return [name, item ? itemLabel(item) : `#${inventory[name]}`];
  });

  const title = target.service ? `Add an add-on to ${target.service.service_name}` : 'Assign a Plan';
  return (
    <Page title={title}>
      <div className="stack">
        <StepList steps={steps} current={step} />
        <Selection customer={step === 'customer' ? null : customer} product={step === 'product' ? null : product} />
        {step === 'product' && (
          <ProductCatalogue
            products={target.products}
            error={target.error}
            filter={target.service ? null : filter}
            onFilter={setFilter}
            chooseLabel={target.service ? 'Add to Service' : 'Assign to Customer'}
            onChoose={choose}
            emptyText={target.service ? 'No compatible add-ons available' : 'No products available'}
            emptyHint={target.service ? undefined : 'Switch the customer type or the category.'}
          />
        )}
        {step === 'customer' && (
          <section className="panel card form" aria-label="Choose the customer">
            <Alert kind="warning">
              Check the customer: a service cannot be moved to another customer later, assigning to the wrong one needs
              a manual correction.
            </Alert>
            <CustomerPicker
              customerId={chosenCustomer ? String(chosenCustomer.customer_id) : ''}
              onChange={(_, row) => {
                setChosenCustomer(row);
                setBusiness(NO_BUSINESS_DETAILS);
              }}
            />
            <StepActions onBack={goBack} onNext={goNext} nextDisabled={!chosenCustomer} />
          </section>
        )}
        {step === 'inventory' && (
          <section className="panel card form" aria-label="Choose the inventory">
            <InventoryStep
              templates={templates}
              available={available}
              reload={reload}
              inventory={inventory}
              onChange={setInventory}
            />
            <StepActions onBack={goBack} onNext={goNext} nextDisabled={templates.some((name) => !inventory[name])} />
          </section>
        )}
        {step === 'auto_renew' && (
          <AutoRenewStep
            onAnswer={(answer) => {
              setAutoRenew(answer);
              goNext();
            }}
          />
        )}
        {step === 'business' && (
          <BusinessStep
            customerId={customer.customer_id}
            details={business.details}
            onChange={(details) => setBusiness((current) => ({ ...current, details }))}
            onBack={goBack}
            onNext={(details, rows) => {
              setBusiness({ details, rows });
              goNext();
            }}
          />
        )}
        {step === 'review' && (
          <ReviewStep
            customerName={customer.customer_name}
            service={target.service}
            product={product}
            chosen={isBusiness ? [...chosenItems, ...business.rows] : chosenItems}
            autoRenew={autoRenew}
            onBack={goBack}
            onConfirm={provision}
          />
        )}
        {step === 'progress' && (
          <LiveJob
            provisionId={provisionId}
            success={(job) => (
              <ProvisionedPanel
                job={job}
                title={
                  target.service
                    ? `${product.product_name} added to ${target.service.service_name}`
                    : `Service provisioned successfully for ${customer.customer_name}`
                }
              />
            )}
          />
        )}
      </div>
    </Page>
  );
}
