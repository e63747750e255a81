import SortHeader from './SortHeader';

// The table of a list page: the select-all box when rows may be ticked (`selectAll`, from
// useSelection), the column headers (sortable by `onSort`, see SortHeader), the Actions header,
// and `emptyText` in a row of its own when `empty`. `children` are the rows.
export default function ListTable({
  label,
  compact = false,
  columns,
  sort,
  onSort,
  selectAll,
  withActions = true,
  empty,
  emptyText,
  children,
}) {
  const span = columns.length + (selectAll ? 1 : 0) + (withActions ? 1 : 0);
  return (
    <div className="panel table-wrap">
      <table className={compact ? 'table table--compact' : 'table'} aria-label={label}>
        <thead>
          <tr>
            {selectAll && (
              <th scope="col" className="table__check">
                <input
                  type="checkbox"
                  aria-label={selectAll.label}
                  checked={selectAll.checked}
                  disabled={selectAll.disabled}
                  onChange={selectAll.onChange}
                />
              </th>
            )}
            {columns.map((column) => (
              <SortHeader key={column.label} column={column} sort={sort} onSort={onSort} />
            ))}
            {withActions && (
              <th scope="col" className="table__actions">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={span} className="table__empty">
                {emptyText}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}

// The tick box of a row (`box` from useSelection's rowBox, null for a row that cannot be
// ticked); a click on it does not open the row.
export function SelectCell({ box }) {
  return (
    <td className="table__check" onClick={(event) => event.stopPropagation()}>
      {box && <input type="checkbox" {...box} />}
    </td>
  );
}
