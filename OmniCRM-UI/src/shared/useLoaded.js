import { useCallback, useEffect, useState } from 'react';

// What `load()` resolves to, loaded when `active` (now, by default), again when `key` changes and on
// reload(). `key` names what `load` reads: a new key means a new load. The last value stays while a
// new one loads and when a reload fails; `failure` is what the last load threw (null after a
// success), `error` its message.
export default function useLoaded(load, key, active = true) {
  const [value, setValue] = useState(null);
  const [failure, setFailure] = useState(null);

  // The `load` of the render that brought `key`.
  const reload = useCallback(async () => {
    try {
      const loaded = await load();
      setValue(loaded);
      setFailure(null);
    } catch (refusal) {
      setFailure(refusal);
    }
  }, [key]);

  useEffect(() => {
    if (active) reload();
  }, [reload, active]);

  return { value, error: failure?.message ?? '', failure, reload };
}
