import ConfirmDialog from './ConfirmDialog';

// "Are you sure?" before deleting a record for good; what is lost goes in `children`.
export default function DeleteDialog({ title, onConfirm, onClose, children }) {
  return (
    <ConfirmDialog title={title} confirmLabel="Delete" danger onClose={onClose} onConfirm={onConfirm}>
      {children}
    </ConfirmDialog>
  );
}
