import { useState } from 'react';
import { config } from '../../shared/config';
import { formatMoney } from '../../shared/format';
import Field, { CheckboxField, SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import {
  AUTO_RENEW_CHOICES,
  CATEGORIES,
  FEATURE_WARN_LENGTH,
  jsonVarsProblem,
  longFeatures,
  parseFeatures,
  pricingPreview,
  suggestSlug,
} from './productFields';

// The sections of the product editor. Each takes the form `values`, `set(field, value)` and the
// errors by API field name (the API's and the form's own).

function Section({ id, title, children }) {
  return (
    <section className="panel card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

// Draws a text field bound to `field`.
const textField = ({ values, set, errors }) =>
  function text(field, label, props = {}) {
    return (
      <TextField
        id={`product-${field}`}
        label={label}
        value={values[field]}
        onChange={(value) => set(field, value)}
        error={errors[field]}
        {...props}
      />
    );
  };

const checkbox = ({ values, set }) =>
  function box(field, label, hint) {
    return (
      <CheckboxField
        id={`product-${field}`}
        label={label}
        hint={hint}
        checked={values[field]}
        onChange={(checked) => set(field, checked)}
      />
    );
  };

export function BasicSection({ values, set, errors, onNameChange, onSlugChange, serviceTypes }) {
  const text = textField({ values, set, errors });
  const suggestion = suggestSlug(values.product_name);
  return (
    <Section id="product-basic" title="Basic info">
      <div className="form__grid">
        {text('product_name', 'Name', { required: true, maxLength: 255, onChange: onNameChange })}
        {text('product_slug', 'Slug', {
          required: true,
          maxLength: 255,
          onChange: onSlugChange,
          hint:
            suggestion && suggestion !== values.product_slug ? (
              <>
                Suggested: <code>{suggestion}</code>{' '}
                <button type="button" className="link-button" onClick={() => onSlugChange(suggestion, true)}>
                  Use it
                </button>
              </>
            ) : (
              'Used in links and API calls; no spaces or / ? # %'
            ),
        })}
        <SelectField
          id="product-category"
          label="Category"
          value={values.category}
          onChange={(value) => set('category', value)}
          error={errors.category}
          options={CATEGORIES}
        />
        {text('service_type', 'Service type', {
          list: 'product-service-types',
          maxLength: 64,
          hint: 'e.g. mobile, internet, voip; addons go on services of the same type',
        })}
        <datalist id="product-service-types">
          {serviceTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        {text('icon', 'Icon', { maxLength: 128, hint: 'Font Awesome class, e.g. fa-solid fa-sim-card' })}
      </div>
      {checkbox({ values, set })('enabled', 'Enabled', 'Off retires the product: hidden from every purchase list')}
      <TextAreaField
        id="product-comment"
        label="Internal comment"
        hint="Staff only; never shown to customers"
        value={values.comment}
        onChange={(value) => set('comment', value)}
        error={errors.comment}
        rows={2}
      />
    </Section>
  );
}

const money = (amount) => (Number.isNaN(amount) ? '—' : formatMoney(amount, config));
const percent = (value) => (value === null ? '—' : Number.isNaN(value) ? '—' : `${value.toFixed(2)}%`);

export function PricingPreview({ values }) {
  const preview = pricingPreview(values);
  const days = Number(values.contract_days) || 0;
  const rows = [
    ['Monthly margin', money(preview.monthlyMargin), 'retail − wholesale, per period'],
    ['Margin', percent(preview.marginPercent), 'of the retail price'],
    ['Markup', percent(preview.markupPercent), 'on the wholesale cost'],
    ['Setup margin', money(preview.setupMargin), preview.setupMargin < 0 ? 'subsidised activation' : 'one-time'],
    ['Due today', money(preview.dueToday), 'setup + first period'],
    ['Renewal', days > 0 ? `every ${days} days` : 'one-off purchase', ''],
  ];
  return (
    <dl className="details details--compact pricing-preview" data-testid="pricing-preview" aria-live="polite">
      {rows.map(([label, value, note]) => (
        <div className="details__row" key={label}>
          <dt>{label}</dt>
          <dd>
            <strong className={label === 'Setup margin' && preview.setupMargin < 0 ? 'text--danger' : undefined}>
              {value}
            </strong>
            {note && <span className="pricing-preview__note">{note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function PricingSection({ values, set, errors }) {
  const text = textField({ values, set, errors });
  const cost = (field, label, hint) =>
    text(field, label, { type: 'number', min: 0, step: '0.01', inputMode: 'decimal', hint });
  return (
    <Section id="product-pricing" title="Pricing">
      <div className="pricing">
        <div className="form__grid">
          {cost('retail_cost', 'Retail cost', 'Charged each period')}
          {cost('wholesale_cost', 'Wholesale cost', 'Your cost each period; never shown to customers')}
          {cost('retail_setup_cost', 'Retail setup cost', 'One-time activation fee')}
          {cost('wholesale_setup_cost', 'Wholesale setup cost', 'Your one-time cost, e.g. the SIM')}
          {text('tax_percentage', 'Tax %', { type: 'number', min: 0, max: 100, step: '0.01' })}
          {text('contract_days', 'Contract days', {
            type: 'number',
            min: 0,
            step: 1,
            hint: '30 monthly, 365 yearly, 0 one-off',
          })}
        </div>
        <PricingPreview values={values} />
      </div>
    </Section>
  );
}

// An ordered choice among the inventory template names: add from the list, reorder, remove. Names
// that no template has any more (renamed or deleted) are flagged.
export function InventoryItemsPicker({ selected, onChange, templates, error }) {
  const [choice, setChoice] = useState('');
  const names = templates?.map((template) => template.item) ?? [];
  const remaining = names.filter((name) => !selected.includes(name));
  const move = (index, step) => {
    const next = [...selected];
    [next[index], next[index + step]] = [next[index + step], next[index]];
    onChange(next);
  };
  return (
    <Field
      id="product-inventory-add"
      label="Inventory items"
      hint="Templates whose items are picked when provisioning, in this order; none means no picker"
      error={error}
    >
      {selected.length > 0 && (
        <ol className="ordered-picks" aria-label="Chosen inventory items">
          {selected.map((name, index) => (
            <li key={name} className="ordered-picks__item">
              <span>{name}</span>
              {templates && !names.includes(name) && <span className="badge badge--danger">No such template</span>}
              <span className="ordered-picks__actions">
                <button
                  type="button"
                  className="button button--outline button--small"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--outline button--small"
                  aria-label={`Move ${name} down`}
                  disabled={index === selected.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--outline button--small"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(selected.filter((held) => held !== name))}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="inline-form">
        <select
          id="product-inventory-add"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          disabled={!templates || remaining.length === 0}
        >
          <option value="">
            {!templates ? 'Loading templates…' : remaining.length === 0 ? 'No more templates' : 'Choose a template…'}
          </option>
          {remaining.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--outline"
          disabled={!choice}
          onClick={() => {
            onChange([...selected, choice]);
            setChoice('');
          }}
        >
          Add
        </button>
      </div>
    </Field>
  );
}

export function FeaturesPreview({ text }) {
  const { features, error } = parseFeatures(text);
  const long = longFeatures(features);
  return (
    <div className="features-preview" data-testid="features-preview" aria-live="polite">
      {error && <p className="field__error">{error}</p>}
      {features.length > 0 ? (
        <ul>
          {features.map((feature, index) => (
            <li key={index} className={feature.length > FEATURE_WARN_LENGTH ? 'features-preview__long' : undefined}>
              {feature}
            </li>
          ))}
        </ul>
      ) : (
        !error && <p className="empty-text">No features yet</p>
      )}
      {long.length > 0 && (
        <p className="field__warning">
          {long.length === 1 ? '1 feature is' : `${long.length} features are`} longer than {FEATURE_WARN_LENGTH}{' '}
          characters; keep them short for the product cards.
        </p>
      )}
    </div>
  );
}

export function ConfigurationSection({ values, set, errors, templates, templatesError }) {
  const text = textField({ values, set, errors });
  return (
    <Section id="product-configuration" title="Configuration">
      {templatesError && <p className="field__error">Inventory templates cannot be listed: {templatesError}</p>}
      <InventoryItemsPicker
        selected={values.inventory_items}
        onChange={(names) => set('inventory_items', names)}
        templates={templates}
        error={errors.inventory_items_list}
      />
      {text('relies_on', 'Relies on', {
        hint: 'Addons: product IDs or service types the customer must already hold, comma-separated; empty = any service of this service type',
        error: errors.relies_on_list,
      })}
      <div className="form__grid form__grid--halves">
        <TextAreaField
          id="product-features_list"
          label="Features"
          hint='Sentences ("20GB data. Unlimited calls") or a list (["Up to 100 Mbps. Subject to availability", "…"])'
          value={values.features_list}
          onChange={(value) => set('features_list', value)}
          error={errors.features_list}
          rows={5}
        />
        <div className="field">
          <span className="field__label">Preview</span>
          <FeaturesPreview text={values.features_list} />
        </div>
      </div>
      <TextAreaField
        id="product-terms"
        label="Terms"
        hint="Shown to the customer, who must accept them; line breaks are kept"
        value={values.terms}
        onChange={(value) => set('terms', value)}
        error={errors.terms}
        rows={4}
      />
    </Section>
  );
}

export function ProvisioningSection({ values, set, errors }) {
  const text = textField({ values, set, errors });
  const varsProblem = jsonVarsProblem(values.provisioning_json_vars);
  const varsEntered = values.provisioning_json_vars.trim() !== '';
  const varsStatus = varsProblem ? 'json-status--bad' : varsEntered ? 'json-status--good' : '';
  return (
    <Section id="product-provisioning" title="Provisioning">
      {text('provisioning_play', 'Playbook', {
        maxLength: 128,
        hint: 'File name in the plays directory without .yaml, e.g. play_local_mobile_sim; empty = not provisionable yet',
      })}
      <Field
        id="product-provisioning_json_vars"
        label="Playbook variables (JSON)"
        hint='A JSON object of default extra variables, e.g. {"days": 30, "data_gb": 20}'
        error={errors.provisioning_json_vars}
      >
        <textarea
          id="product-provisioning_json_vars"
          className="code-input-area"
          rows={5}
          spellCheck={false}
          value={values.provisioning_json_vars}
          onChange={(event) => set('provisioning_json_vars', event.target.value)}
          aria-invalid={varsProblem ? true : undefined}
        />
      </Field>
      <p
        className={`json-status ${varsStatus}`}
        data-testid="json-vars-status"
        aria-live="polite"
      >
        {varsProblem
          ? `✗ ${varsProblem}`
          : varsEntered
            ? '✓ Valid JSON object'
            : 'No variables ({})'}
      </p>
    </Section>
  );
}

export function AvailabilitySection({ values, set, errors }) {
  const text = textField({ values, set, errors });
  const box = checkbox({ values, set });
  return (
    <Section id="product-availability" title="Availability">
      <div className="checkbox-grid">
        {box('residential', 'Residential customers')}
        {box('business', 'Business customers')}
        {box('customer_can_purchase', 'Customers can buy it in self-care')}
      </div>
      <div className="form__grid">
        {text('available_from', 'Available from (UTC)', { type: 'datetime-local', hint: 'Empty: available now' })}
        {text('available_until', 'Available until (UTC)', { type: 'datetime-local', hint: 'Empty: ongoing offer' })}
        <SelectField
          id="product-auto_renew"
          label="Auto-renew"
          value={values.auto_renew}
          onChange={(value) => set('auto_renew', value)}
          error={errors.auto_renew}
          options={AUTO_RENEW_CHOICES}
        />
      </div>
      {box('allow_auto_renew', 'Customers may switch auto-renew on or off later')}
    </Section>
  );
}
