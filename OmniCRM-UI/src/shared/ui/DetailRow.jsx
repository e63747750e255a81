// One label and value of a <dl className="details">.
export default function DetailRow({ label, children }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
