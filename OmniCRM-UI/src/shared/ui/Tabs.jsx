// A row of tabs over `options`, a list of [label, value] pairs; the selected one is `value`.
// `page` draws the larger section tabs of a record page, whose tab ids are `${idPrefix}-${value}`
// (the tab panel names its tab with them).
export default function Tabs({ label, options, value, onChange, page = false, idPrefix }) {
  return (
    <div className={page ? 'tabs tabs--page tabs--scroll' : 'tabs'} role="tablist" aria-label={label}>
      {options.map(([text, option]) => (
        <button
          key={text}
          type="button"
          role="tab"
          id={idPrefix ? `${idPrefix}-${option}` : undefined}
          aria-selected={value === option}
          className="tabs__tab"
          onClick={() => onChange(option)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
