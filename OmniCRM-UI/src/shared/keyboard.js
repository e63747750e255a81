// Whether a key press goes into a form control rather than to the page's own shortcuts.
export function isTyping(target) {
  return Boolean(target.closest?.('input, textarea, select, [contenteditable="true"]'));
}
