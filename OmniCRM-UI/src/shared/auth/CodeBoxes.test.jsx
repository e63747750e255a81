import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CodeBoxes from './CodeBoxes';

const box = (number) => screen.getByLabelText(`Digit ${number} of 6`);

describe('CodeBoxes', () => {
  it('spreads a pasted code over the boxes and completes it', async () => {
    const user = userEvent.setup();
    const onComplete = vi.fn();
    render(<CodeBoxes label="6-digit code" onComplete={onComplete} />);
    await user.click(box(1));
    await user.paste('12 34-56');
    expect([1, 2, 3, 4, 5, 6].map((number) => box(number).value).join('')).toBe('123456');
    expect(onComplete).toHaveBeenCalledWith('123456');
  });

  it('ignores letters and goes back a box on Backspace', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<CodeBoxes label="6-digit code" onChange={onChange} />);
    await user.click(box(1));
    await user.keyboard('4a2');
    expect(box(1)).toHaveValue('4');
    expect(box(2)).toHaveValue('2');
    expect(box(3)).toHaveFocus();
    await user.keyboard('{Backspace}');
    expect(box(2)).toHaveValue('');
    expect(box(2)).toHaveFocus();
    expect(onChange).toHaveBeenLastCalledWith('4');
  });
});
