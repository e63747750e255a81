import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import Field from '../../shared/ui/Field';
import Pagination from '../../shared/ui/Pagination';
import { actorLabel, useActivity } from './activity';

const PER_PAGE = 10;
const MAX_NOTE = 4000;

// Notes: free-text entries of the activity log (object type "note"), added by staff.
export default function NotesTab({ customer }) {
  const session = useSession();
  const [page, setPage] = useState(1);
  const { result, error, reload } = useActivity(customer.customer_id, {
    page,
    per_page: PER_PAGE,
    object_type: 'note',
  });
  const [text, setText] = useState('');
  const [failure, setFailure] = useState(null);
  const [saving, setSaving] = useState(false);
  const mayAdd = customer.customer_status !== 'Archived' && can('create_customer_activity', session);

  async function handleSubmit(event) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await api.put('/crm/activity/', { customer_id: customer.customer_id, description: text.trim() });
      setText('');
      if (page === 1) reload();
      else setPage(1);
    } catch (refusal) {
      setFailure(refusal);
    }
    setSaving(false);
  }

  return (
    <div className="stack">
      {mayAdd && (
        <form className="panel card form" onSubmit={handleSubmit} noValidate>
          {failure && <Alert>{failure.message}</Alert>}
          <Field
            id="note-text"
            label="New note"
            hint={`${text.length}/${MAX_NOTE} characters`}
            error={failure?.errors.description}
          >
            <textarea
              id="note-text"
              rows={3}
              maxLength={MAX_NOTE}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={saving || !text.trim()}>
              Add note
            </button>
          </div>
        </form>
      )}
      {error && <Alert>{error}</Alert>}
      {result?.data.length === 0 && <p className="empty-text">No notes yet</p>}
      {result?.data.length > 0 && (
        <ul className="notes" aria-label="Notes">
          {result.data.map((note) => (
            <li className="panel notes__note" key={note.activity_id}>
              <p className="notes__text">{note.description}</p>
              <p className="notes__meta">
                {actorLabel(note)} · {formatDateTime(note.created, { locale: config.locale })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination pagination={result?.pagination} onPage={setPage} itemName="notes" />
    </div>
  );
}
