import Alert from './Alert';
import ListTable from './ListTable';

// The body of a records tab (a customer's contacts, a service's inventory…): the "Add" button
// (with its permission), the notice and error alerts, and the table of `columns` (their labels)
// with its Actions header and "No … yet" row. renderRow draws one record's <tr>, including its
// RecordActions cell when showActions is on.
export default function RecordsTable({
  label,
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
      <ListTable
        label={label}
        columns={columns.map((column) => ({ label: column }))}
        withActions={showActions}
        empty={records?.length === 0}
        emptyText={emptyText}
      >
        {records?.map(renderRow)}
      </ListTable>
    </>
  );
}
