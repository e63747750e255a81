import { useState } from 'react';
import { ApiError } from '../../../shared/api';
import Alert from '../../../shared/ui/Alert';
import Badge from '../../../shared/ui/Badge';
import Collapsible from '../../../shared/ui/Collapsible';
import FormModal from '../../../shared/ui/FormModal';
import RecordsTable from '../../../shared/ui/RecordsTable';
import RowsEditor from '../../../shared/ui/RowsEditor';
import useLoaded from '../../../shared/useLoaded';
import { cellText, ocsCall, rowProblems } from './ocs';

// The rows of the profile, checked before anything is sent, then the whole profile saved.
function ProfileEditor({ service, kind, id, loaded, onClose, onSaved }) {
  const [rows, setRows] = useState(loaded);
  async function save() {
    const problems = rowProblems(kind, rows);
    if (Object.keys(problems).length > 0) {
      throw new ApiError({ status: 0, message: 'Check the highlighted fields', errors: problems });
    }
    await ocsCall(service, kind.setMethod, kind.profileOf(id, rows));
    onSaved();
  }
  return (
    <FormModal title={`Edit ${kind.title}`} submitLabel={`Save ${kind.title}`} wide onSave={save} onClose={onClose}>
      {(errors) => (
        <>
          <Alert kind="warning">
            Saving replaces <code>{id}</code> in CGRateS: wrong values affect how this service is charged.
          </Alert>
          {rows.length === 0 && <p className="empty-text">No {kind.title.toLowerCase()}</p>}
          <RowsEditor
            idPrefix={`ocs-${kind.itemLabel.toLowerCase()}`}
            itemLabel={kind.itemLabel}
            fields={kind.fields}
            rows={rows}
            onChange={setRows}
            newRow={kind.newRow}
            addLabel={`Add ${kind.itemLabel.toLowerCase()}`}
            errorOf={(index, field) => errors[`${index}.${field}`]}
          />
        </>
      )}
    </FormModal>
  );
}

// A CGRateS profile of the service (`kind`: ATTRIBUTES or FILTERS of ./ocs) as a collapsible
// section: its rows counted in the header, listed, and edited as a whole. A profile CGRateS does
// not know (NOT_FOUND) has no rows.
export default function ProfileSection({ service, kind }) {
  const id = kind.idOf(service);
  const { value: rows, error, reload } = useLoaded(
    async () => kind.rowsOf(await ocsCall(service, kind.getMethod, { ID: id }, { notFound: null })),
    `${kind.getMethod} ${service.service_id} ${id}`,
  );
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');

  return (
    <Collapsible title={kind.title} badge={<Badge kind="info">{rows ? rows.length : '…'}</Badge>}>
      <p className="form__hint">
        Profile <code className="table__code">{id}</code>
      </p>
      <RecordsTable
        label={kind.title}
        addLabel={`Edit ${kind.title}`}
        mayAdd={Boolean(rows)}
        onAdd={() => {
          setNotice('');
          setEditing(true);
        }}
        notice={notice}
        error={error}
        columns={kind.fields.map((field) => field.key)}
        showActions={false}
        records={rows}
        emptyText={`No ${kind.title.toLowerCase()}`}
        renderRow={(row, index) => (
          // Rows have no identity but their place.
          <tr key={index}>
            {kind.fields.map((field) => (
              <td key={field.key}>{field.multiline ? cellText(row[field.key]) : row[field.key]}</td>
            ))}
          </tr>
        )}
      />
      {editing && (
        <ProfileEditor
          service={service}
          kind={kind}
          id={id}
          loaded={rows}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            setNotice(`${kind.title} saved.`);
            await reload();
          }}
        />
      )}
    </Collapsible>
  );
}
