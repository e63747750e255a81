// A labelled progress bar: `value` from 0 to 1, or null while the end is unknown.
export default function ProgressBar({ label, value }) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        {percent !== null && <span>{percent}%</span>}
      </div>
      <progress className="progress__bar" aria-label={label} max={100} value={percent ?? undefined} />
    </div>
  );
}
