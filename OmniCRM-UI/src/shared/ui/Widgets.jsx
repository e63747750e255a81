// A row of summary cards, each {key, label, value} and optionally `kind` (the colour of its top
// edge: active, expiring_soon, expired) and `testId` (of its value).
export default function Widgets({ label, items }) {
  return (
    <div className="widgets" role={label ? 'group' : undefined} aria-label={label}>
      {items.map(({ key, label: itemLabel, value, kind, testId }) => (
        <div className={`panel widget${kind ? ` widget--${kind}` : ''}`} key={key}>
          <span className="widget__label">{itemLabel}</span>
          <strong className="widget__value" data-testid={testId}>
            {value}
          </strong>
        </div>
      ))}
    </div>
  );
}
