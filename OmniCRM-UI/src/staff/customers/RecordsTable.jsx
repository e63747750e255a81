import Alert from '../../shared/ui/Alert';

// The body of a customer's records tab: the "Add" button (with its permission), the notice and
// error alerts, and the table with its Actions header and "No … yet" row. renderRow draws one
// record's <tr>, including its RecordActions cell when showActions is on.
export default function RecordsTable({
  addLabel,
  onAdd,
  mayAdd,
  notice,
  error,
  columns,
  showActions = true,
  records,
  renderRow,
  emptyText,
}) {
  return (
    <>
      {mayAdd && (
        <div className="toolbar">
          <button type="button" className="button button--primary" onClick={onAdd}>
            {addLabel}
          </button>
        </div>
      )}
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="panel table-wrap">
        <table className="table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              {showActions && (
                <th scope="col" className="table__actions">
                  Actions
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {records?.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1} className="table__empty">
                  {emptyText}
                </td>
              </tr>
            )}
            {records?.map(renderRow)}
          </tbody>
        </table>
      </div>
    </>
  );
}
