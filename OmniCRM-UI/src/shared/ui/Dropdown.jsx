import { useEffect, useRef, useState } from 'react';

// A button that opens a small menu; a click outside or Escape closes it.
export default function Dropdown({ label, buttonContent, children }) {
  const [open, setOpen] = useState(false);
  const container = useRef(null);

  useEffect(() => {
    if (!open) return undefined;
    const closeOnOutsideClick = (event) => {
      if (!container.current.contains(event.target)) setOpen(false);
    };
    const closeOnEscape = (event) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    <div className="dropdown" ref={container}>
      <button
        type="button"
        className="icon-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((isOpen) => !isOpen)}
      >
        {buttonContent}
      </button>
      {open && (
        <div className="dropdown__menu" role="menu" onClick={() => setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  );
}

// An action of a Dropdown's menu; `danger` for a destructive one.
export function MenuButton({ danger = false, onClick, children }) {
  return (
    <button
      type="button"
      className={`dropdown__item${danger ? ' dropdown__item--danger' : ''}`}
      role="menuitem"
      onClick={onClick}
    >
      {children}
    </button>
  );
}
