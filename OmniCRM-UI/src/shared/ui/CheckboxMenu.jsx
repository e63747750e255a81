// A toolbar filter choosing any number of `options` ([value, label] pairs): a summary button that
// opens the list of checkboxes. `value` is the list of chosen values.
export default function CheckboxMenu({ label, options, value, onChange }) {
  const toggle = (option) =>
    onChange(value.includes(option) ? value.filter((held) => held !== option) : [...value, option]);
  return (
    <details className="checkbox-menu">
      <summary>
        {label}
        {value.length > 0 && ` (${value.length})`}
      </summary>
      <fieldset className="checkbox-menu__list">
        <legend className="visually-hidden">{label}</legend>
        {options.length === 0 && <p className="empty-text">None known</p>}
        {options.map(([option, text]) => (
          <label className="checkbox" key={option}>
            <input type="checkbox" checked={value.includes(option)} onChange={() => toggle(option)} />
            {text}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
