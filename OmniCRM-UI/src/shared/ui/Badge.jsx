// A small coloured label: kind is one of neutral, success, warning, danger, info.
export default function Badge({ kind = 'neutral', children }) {
  return <span className={`badge badge--${kind}`}>{children}</span>;
}
