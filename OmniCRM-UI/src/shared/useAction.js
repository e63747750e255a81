import { useState } from 'react';

// An action the user starts (save, confirm, retry): run(...args) calls `action`; `busy` while it
// runs, `failure` what it threw (null once it succeeds or starts again).
export default function useAction(action) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState(null);

  async function run(...args) {
    setBusy(true);
    setFailure(null);
    try {
      await action(...args);
    } catch (refusal) {
      setFailure(refusal);
    }
    setBusy(false);
  }

  return { run, busy, failure };
}
