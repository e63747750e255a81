// A button showing only an icon; `label` names it for screen readers and in the tooltip.
export default function IconButton({ label, onClick, children }) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={label} onClick={onClick}>
      {children}
    </button>
  );
}
