import { useId, useState } from 'react';

// A section of a page that opens and closes from its header button (closed by default): `title`,
// a `badge` beside it (a count), and `children`, drawn only while it is open. onToggle(open) hears
// each change.
export default function Collapsible({ title, badge, onToggle, children }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();

  function toggle() {
    setOpen(!open);
    onToggle?.(!open);
  }

  return (
    <section className="panel card collapsible-section" aria-label={title}>
      <h2 className="collapsible-section__heading">
        <button
          type="button"
          className="collapsible-section__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={toggle}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          {title}
          {badge}
        </button>
      </h2>
      {open && (
        <div className="collapsible-section__body" id={bodyId}>
          {children}
        </div>
      )}
    </section>
  );
}
