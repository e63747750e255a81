// A table header that sorts by its column: `column` is {label, sort} (sort = the API's sort key,
// absent for a column that does not sort) and `sort` the current {sort, order}.
export default function SortHeader({ column, sort, onSort }) {
  if (!column.sort) return <th scope="col">{column.label}</th>;
  const active = sort.sort === column.sort;
  const direction = active ? sort.order : null;
  return (
    <th scope="col" aria-sort={active ? `${direction}ending` : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column.sort)}>
        {column.label}
        <span aria-hidden="true">{direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  );
}

// The {sort, order} after a click on the header of `key`: the same column flips its order, another
// column starts with `firstOrder`.
export function nextSort(current, key, firstOrder = 'asc') {
  if (current.sort !== key) return { sort: key, order: firstOrder };
  return { sort: key, order: current.order === 'asc' ? 'desc' : 'asc' };
}
