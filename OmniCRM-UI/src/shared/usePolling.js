import { useEffect, useRef } from 'react';

// Calls `poll` every `intervalMs` while `active` is true: the next call is planned when the
// previous one has settled, so slow answers never pile up. It stops as soon as `active` turns
// false or the component goes away. `poll` may change between renders (the latest one is called).
export default function usePolling(poll, intervalMs, active) {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let timer;
    const tick = async () => {
      try {
        await latest.current();
      } finally {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      }
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
