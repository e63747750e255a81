import { useState } from 'react';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import { NoteForm, NoteList } from '../../shared/ui/Notes';
import useRecords from '../../shared/useRecords';
import { when } from './display';

// Notes: staff notes on the service, newest first.
export default function NotesTab({ service }) {
  const session = useSession();
  const url = `/crm/service/${service.service_id}/notes`;
  const { records: notes, error, reload } = useRecords(url);
  const [deleting, setDeleting] = useState(null);
  const mayChange = can('update_customer_service', session);

  async function add(text) {
    await api.post(url, { text });
    await reload();
  }

  return (
    <div className="stack">
      {mayChange && <NoteForm onAdd={add} errorField="text" />}
      {error && <Alert>{error}</Alert>}
      {notes && (
        <NoteList
          notes={notes.map((note) => ({
            key: note.note_id,
            text: note.text,
            meta: `${note.created_by_name ?? 'System'} · ${when(note.created)}`,
            onDelete: mayChange ? () => setDeleting(note) : undefined,
          }))}
        />
      )}
      {deleting && (
        <DeleteDialog
          title="Delete note"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`${url}/${deleting.note_id}`);
            setDeleting(null);
            await reload();
          }}
        >
          <p>The note is deleted for good.</p>
        </DeleteDialog>
      )}
    </div>
  );
}
