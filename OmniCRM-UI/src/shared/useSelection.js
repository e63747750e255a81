import { useState } from 'react';

// The rows ticked on a list page, told apart by `idOf(row)`. selectAll(rows, label) gives
// ListTable's select-all box over `rows`, rowBox(row, label) a row's SelectCell box.
export default function useSelection(idOf) {
  const [selected, setSelected] = useState([]);
  const isSelected = (row) => selected.some((held) => idOf(held) === idOf(row));

  const rowBox = (row, label) => ({
    'aria-label': label,
    checked: isSelected(row),
    onChange: () =>
      setSelected(isSelected(row) ? selected.filter((held) => idOf(held) !== idOf(row)) : [...selected, row]),
  });

  const selectAll = (rows, label) => {
    const checked = rows.length > 0 && rows.every(isSelected);
    return { label, checked, disabled: rows.length === 0, onChange: () => setSelected(checked ? [] : rows) };
  };

  return { selected, setSelected, rowBox, selectAll };
}
