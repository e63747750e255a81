// A toolbar drop-down over `options`, a list of [value, label] pairs.
export default function FilterSelect({ label, value, options, onChange }) {
  return (
    <select
      aria-label={label}
      className="toolbar__select"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {optionLabel}
        </option>
      ))}
    </select>
  );
}
