import { useState } from 'react';

// Copies `text` to the clipboard and says so for a moment.
export default function CopyButton({ text, label = 'Copy', className = 'button button--outline' }) {
  const [state, setState] = useState('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  }

  const labels = { idle: label, copied: 'Copied!', failed: 'Copy failed: select and copy by hand' };
  return (
    <button type="button" className={className} onClick={copy}>
      {labels[state]}
    </button>
  );
}
