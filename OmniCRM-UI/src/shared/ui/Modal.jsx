import { useEffect, useId } from 'react';

// A dialog over the page; Escape and the × button call onClose.
export default function Modal({ title, onClose, wide = false, children }) {
  const titleId = useId();

  useEffect(() => {
    const closeOnEscape = (event) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [onClose]);

  return (
    <div className="modal">
      <div
        className={`modal__dialog${wide ? ' modal__dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <header className="modal__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal__body">{children}</div>
      </div>
    </div>
  );
}

export function ModalActions({ children }) {
  return <div className="modal__actions">{children}</div>;
}
