// A labelled form field: the control in `children` (its id is `id`), an optional hint, and the
// API's reason when the field was refused.
export default function Field({ id, label, hint, error, children }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// The props that tie a control to its hint and error message.
function describedProps(id, hint, error) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined };
}

// An <input> field; onChange receives the text.
export function TextField({ id, label, hint, error, value, onChange, ...inputProps }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        {...describedProps(id, hint, error)}
        {...inputProps}
      />
    </Field>
  );
}

// A <select> field over `options`, a list of [value, label].
export function SelectField({ id, label, hint, error, value, onChange, options }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...describedProps(id, hint, error)}
      >
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </Field>
  );
}

// A checkbox with its label on the right; onChange receives true or false.
export function CheckboxField({ id, label, hint, checked, onChange, disabled }) {
  return (
    <div className="field field--checkbox">
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

// A <textarea> field; onChange receives the text.
export function TextAreaField({ id, label, hint, error, value, onChange, rows = 3, ...textareaProps }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        rows={rows}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        {...describedProps(id, hint, error)}
        {...textareaProps}
      />
    </Field>
  );
}
