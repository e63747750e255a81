import IconButton from './IconButton';
import { EditIcon, TrashIcon } from './icons';

// The Actions cell of a record: edit and delete, each shown only with its handler.
export default function RecordActions({ name, onEdit, onDelete }) {
  return (
    <td className="table__actions">
      {onEdit && (
        <IconButton label={`Edit ${name}`} onClick={onEdit}>
          <EditIcon />
        </IconButton>
      )}
      {onDelete && (
        <IconButton label={`Delete ${name}`} onClick={onDelete}>
          <TrashIcon />
        </IconButton>
      )}
    </td>
  );
}
