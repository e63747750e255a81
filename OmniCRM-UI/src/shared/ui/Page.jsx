import { createContext, useContext, useEffect } from 'react';
import { config } from '../config';

// The portal name shown in the browser tab; the self-care and top-up shells provide their own.
export const PortalNameContext = createContext(config.portalName);

export function useDocumentTitle(title) {
  const portalName = useContext(PortalNameContext);
  useEffect(() => {
    document.title = `${title} | ${portalName}`;
  }, [title, portalName]);
}

// `meta` sits beside the title (status badges, tags); `actions` (buttons) at the header's end.
export default function Page({ title, meta, actions, children }) {
  useDocumentTitle(title);

  return (
    <section className="page">
      <header className="page__header">
        <h1 className="page__title">{title}</h1>
        {meta}
        {actions && <div className="page__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
