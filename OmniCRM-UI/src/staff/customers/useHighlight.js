import { useEffect, useRef } from 'react';

// A global-search hit opens a tab with the record's id in the location state: its table row is
// highlighted and scrolled into view once the rows arrive. Returns the props of a row by id.
export default function useHighlight(targetId, rows) {
  const row = useRef(null);

  useEffect(() => {
    row.current?.scrollIntoView?.({ block: 'center' });
  }, [rows]);

  return (id) => (id === targetId ? { ref: row, className: 'table__row--highlight', 'aria-current': 'true' } : {});
}
