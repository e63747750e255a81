import Field, { SelectField, TextField } from '../../shared/ui/Field';
import { ACCOUNT_TYPES, CONTACT_TYPES, PAYMENT_TYPES } from './customerFields';
import { encodePlusCode, parseLocation } from './plusCode';

// The field groups of the create form and of the edit dialogs. Each takes the form `values`,
// `onChange(field, value)`, the API's `errors` by field, and an `idPrefix` for unique ids.

// Draws one text field of the group: text(field, label, inputProps).
function textFields({ values, onChange, errors, idPrefix }) {
  return (field, label, props = {}) => (
    <TextField
      key={field}
      id={`${idPrefix}-${field}`}
      label={label}
      value={values[field]}
      onChange={(value) => onChange(field, value)}
      error={errors[field]}
      {...props}
    />
  );
}

export function CustomerFields({ values, onChange, errors, idPrefix }) {
  const text = textFields({ values, onChange, errors, idPrefix });
  return (
    <div className="form__grid">
      {text('customer_name', 'Name', { required: true, hint: 'Company name or the person’s full name' })}
      <SelectField
        id={`${idPrefix}-customer_account_type`}
        label="Account type"
        value={values.customer_account_type}
        onChange={(value) => onChange('customer_account_type', value)}
        error={errors.customer_account_type}
        options={ACCOUNT_TYPES}
      />
      <SelectField
        id={`${idPrefix}-customer_payment_type`}
        label="Payment type"
        value={values.customer_payment_type}
        onChange={(value) => onChange('customer_payment_type', value)}
        error={errors.customer_payment_type}
        options={PAYMENT_TYPES}
      />
      {text('tax_identifier', 'Tax ID', { hint: 'VAT / GST number' })}
      {text('contract_start_date', 'Contract start', { type: 'date' })}
      {text('contract_end_date', 'Contract end', { type: 'date' })}
    </div>
  );
}

export function ContactFields({ values, onChange, errors, idPrefix, showTypes = true }) {
  const text = textFields({ values, onChange, errors, idPrefix });
  const toggleType = (type) =>
    onChange(
      'contact_types',
      values.contact_types.includes(type)
        ? values.contact_types.filter((held) => held !== type)
        : [...values.contact_types, type],
    );
  return (
    <>
      <div className="form__grid">
        {text('contact_firstname', 'First name', { required: true, autoComplete: 'off' })}
        {text('contact_lastname', 'Last name', { autoComplete: 'off' })}
        {text('contact_email', 'E-mail', { type: 'email', autoComplete: 'off' })}
        {text('contact_phone', 'Phone', { type: 'tel', autoComplete: 'off', hint: 'Digits, spaces, + - ( ) only' })}
      </div>
      {showTypes && (
        <fieldset className="fieldset">
          <legend>Contact types</legend>
          <div className="badges">
            {CONTACT_TYPES.map((type) => (
              <label className="checkbox" key={type}>
                <input
                  type="checkbox"
                  checked={values.contact_types.includes(type)}
                  onChange={() => toggleType(type)}
                />
                {type}
              </label>
            ))}
          </div>
          {errors.contact_types && <p className="field__error">{errors.contact_types}</p>}
        </fieldset>
      )}
    </>
  );
}

// Green "Location set: <lat>, <lng> · <plus code>" or red "Location not set" (spec 02 §4.4).
export function LocationFeedback({ latitude, longitude }) {
  const location = parseLocation(latitude, longitude);
  if (!location) {
    return (
      <p className="location-feedback location-feedback--unset" data-testid="location-feedback">
        Location not set
      </p>
    );
  }
  return (
    <p className="location-feedback location-feedback--set" data-testid="location-feedback">
      Location set: {location.latitude}, {location.longitude} · {encodePlusCode(location.latitude, location.longitude)}
    </p>
  );
}

export function SiteFields({ values, onChange, errors, idPrefix }) {
  const text = textFields({ values, onChange, errors, idPrefix });
  const coordinate = (field, label, limit) =>
    text(field, label, { type: 'number', step: 'any', min: -limit, max: limit, required: true });
  const noteId = `${idPrefix}-address_note`;
  return (
    <>
      <div className="form__grid">
        {text('site_name', 'Site name', { hint: 'Defaults to the first address line' })}
        {text('address_line_1', 'Address line 1', { required: true, hint: 'Street number and name' })}
        {text('address_line_2', 'Address line 2', { hint: 'Unit or suite' })}
        {text('city', 'City')}
        {text('state', 'State / region')}
        {text('zip_code', 'ZIP / postal code')}
        {text('country', 'Country')}
        {coordinate('latitude', 'Latitude', 90)}
        {coordinate('longitude', 'Longitude', 180)}
      </div>
      <LocationFeedback latitude={values.latitude} longitude={values.longitude} />
      {errors.plus_code && <p className="field__error">Plus code: {errors.plus_code}</p>}
      <Field id={noteId} label="Address note" hint="Directions for installers" error={errors.address_note}>
        <textarea
          id={noteId}
          rows={2}
          value={values.address_note}
          onChange={(event) => onChange('address_note', event.target.value)}
        />
      </Field>
    </>
  );
}
