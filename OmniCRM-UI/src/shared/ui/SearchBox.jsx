// The search box of a list's toolbar; onChange receives the text.
export default function SearchBox({ label, placeholder, value, onChange, className = 'toolbar__search' }) {
  return (
    <input
      type="search"
      className={className}
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
