import { useState } from 'react';
import useAction from '../useAction';
import Alert from './Alert';
import Field from './Field';
import IconButton from './IconButton';
import { TrashIcon } from './icons';

const MAX_NOTE = 4000;

// "New note" with its character count; onAdd(text) sends the trimmed text and may refuse (the
// API's reason for `errorField` shows under the box). The box empties once the note is added.
export function NoteForm({ onAdd, errorField }) {
  const [text, setText] = useState('');
  const { run, busy, failure } = useAction(async () => {
    await onAdd(text.trim());
    setText('');
  });

  function handleSubmit(event) {
    event.preventDefault();
    run();
  }

  return (
    <form className="panel card form" onSubmit={handleSubmit} noValidate>
      {failure && <Alert>{failure.message}</Alert>}
      <Field
        id="note-text"
        label="New note"
        hint={`${text.length}/${MAX_NOTE} characters`}
        error={failure?.errors[errorField]}
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
        <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
          Add note
        </button>
      </div>
    </form>
  );
}

// Notes, newest first: each {key, text, meta} and, when it may be deleted, onDelete.
export function NoteList({ notes }) {
  if (notes.length === 0) return <p className="empty-text">No notes yet</p>;
  return (
    <ul className="notes" aria-label="Notes">
      {notes.map((note) => (
        <li className="panel notes__note" key={note.key}>
          <p className="notes__text">{note.text}</p>
          <p className="notes__meta">
            {note.meta}
            {note.onDelete && (
              <IconButton label="Delete note" onClick={note.onDelete}>
                <TrashIcon size={16} />
              </IconButton>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
