import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isTyping } from '../keyboard';
import { can, isCustomerUser, useSession } from '../session';

// The top-bar search box (spec 05 "Global Search"): Enter opens /search?q=…; "/" (outside a form
// control) or Ctrl+K / ⌘K puts the cursor in it. Hidden from self-care users.
export default function GlobalSearch() {
  const session = useSession();
  const navigate = useNavigate();
  const input = useRef(null);
  const [text, setText] = useState('');
  const allowed = can('view_customer', session) && !isCustomerUser(session);

  useEffect(() => {
    if (!allowed) return undefined;
    const focusOnShortcut = (event) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !isTyping(event.target);
      if (ctrlK || slash) {
        event.preventDefault();
        input.current.focus();
        input.current.select();
      }
    };
    document.addEventListener('keydown', focusOnShortcut);
    return () => document.removeEventListener('keydown', focusOnShortcut);
  }, [allowed]);

  if (!allowed) return null;

  function handleSubmit(event) {
    event.preventDefault();
    const term = text.trim();
    if (term) navigate(`/search?${new URLSearchParams({ q: term })}`);
  }

  return (
    <form className="topbar__search" role="search" onSubmit={handleSubmit}>
      <input
        ref={input}
        type="search"
        placeholder="Search customers, contacts, sites…  ( / )"
        aria-label="Search"
        aria-keyshortcuts="/ Control+K"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
