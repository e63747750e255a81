import { useRef, useState } from 'react';

const LENGTH = 6;

// Six one-digit boxes for a TOTP code. Typing moves to the next box, Backspace on an empty box
// goes back, and a pasted code fills the boxes from the current one. onComplete fires when the
// sixth digit is in.
export default function CodeBoxes({ label, onChange, onComplete, disabled, autoFocus }) {
  const [digits, setDigits] = useState(Array(LENGTH).fill(''));
  const boxes = useRef([]);

  function update(next, focusIndex) {
    setDigits(next);
    boxes.current[Math.min(focusIndex, LENGTH - 1)]?.focus();
    const code = next.join('');
    onChange?.(code);
    if (code.length === LENGTH) onComplete?.(code);
  }

  function enter(index, text) {
    const typed = text.replace(/\D/g, '').slice(0, LENGTH - index).split('');
    if (typed.length === 0) return;
    const next = [...digits];
    next.splice(index, typed.length, ...typed);
    update(next, index + typed.length);
  }

  function handleKeyDown(index, event) {
    if (event.key !== 'Backspace') return;
    event.preventDefault();
    const next = [...digits];
    const target = digits[index] || index === 0 ? index : index - 1;
    next[target] = '';
    setDigits(next);
    onChange?.(next.join(''));
    boxes.current[target].focus();
  }

  return (
    <div className="code-boxes" role="group" aria-label={label}>
      {digits.map((digit, index) => (
        <input
          key={index}
          ref={(element) => {
            boxes.current[index] = element;
          }}
          className="code-boxes__box"
          aria-label={`Digit ${index + 1} of ${LENGTH}`}
          inputMode="numeric"
          autoComplete={index === 0 ? 'one-time-code' : 'off'}
          value={digit}
          disabled={disabled}
          autoFocus={autoFocus && index === 0}
          onFocus={(event) => event.target.select()}
          onChange={(event) => enter(index, event.target.value.slice(-1))}
          onPaste={(event) => {
            event.preventDefault();
            enter(index, event.clipboardData.getData('text'));
          }}
          onKeyDown={(event) => handleKeyDown(index, event)}
        />
      ))}
    </div>
  );
}
