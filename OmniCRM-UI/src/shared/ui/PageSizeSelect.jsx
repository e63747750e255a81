// The "N per page" drop-down of a paginated list; onChange receives the number.
export default function PageSizeSelect({ label, sizes, value, onChange }) {
  return (
    <select
      aria-label={label}
      className="toolbar__select"
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {sizes.map((size) => (
        <option key={size} value={size}>
          {size} per page
        </option>
      ))}
    </select>
  );
}
