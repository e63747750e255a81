import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import { NoteForm, NoteList } from '../../shared/ui/Notes';
import Pagination from '../../shared/ui/Pagination';
import useRecords from '../../shared/useRecords';
import { actorLabel } from '../activity/activity';

const PER_PAGE = 10;

// Notes: free-text entries of the activity log (object type "note"), added by staff.
export default function NotesTab({ customer }) {
  const session = useSession();
  const [page, setPage] = useState(1);
  const url = `/crm/activity/customer_id/${customer.customer_id}`;
  const {
    records: result,
    error,
    reload,
  } = useRecords(url, {
    page,
    per_page: PER_PAGE,
    object_type: 'note',
  });
  const mayAdd = customer.customer_status !== 'Archived' && can('create_customer_activity', session);

  async function add(text) {
    await api.put('/crm/activity/', { customer_id: customer.customer_id, description: text });
    if (page === 1) reload();
    else setPage(1);
  }

  return (
    <div className="stack">
      {mayAdd && <NoteForm onAdd={add} errorField="description" />}
      {error && <Alert>{error}</Alert>}
      {result && (
        <NoteList
          notes={result.data.map((note) => ({
            key: note.activity_id,
            text: note.description,
            meta: `${actorLabel(note)} · ${formatDateTime(note.created, { locale: config.locale })}`,
          }))}
        />
      )}
      <Pagination pagination={result?.pagination} onPage={setPage} itemName="notes" />
    </div>
  );
}
