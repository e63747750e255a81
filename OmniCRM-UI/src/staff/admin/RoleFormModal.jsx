import { useState } from 'react';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import Modal, { ModalActions } from '../../shared/ui/Modal';

// Create a role, or rename / re-describe one.
export default function RoleFormModal({ role, onClose, onSaved }) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event) {
    event.preventDefault();
    setError('');
    setSaving(true);
    try {
      if (role) {
        await api.put(`/auth/roles/${role.id}`, { name, description });
        onSaved(`The role ${name} has been saved.`);
      } else {
        await api.post('/auth/roles', { name, description });
        onSaved(`The role ${name} has been created.`);
      }
    } catch (failure) {
      setError(failure.message);
      setSaving(false);
    }
  }

  return (
    <Modal title={role ? `Edit role ${role.name}` : 'Create Role'} onClose={onClose}>
      <form className="form" onSubmit={handleSubmit}>
        {error && <Alert>{error}</Alert>}
        <div className="field">
          <label htmlFor="role-name">Name</label>
          <input id="role-name" value={name} onChange={(event) => setName(event.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="role-description">Description</label>
          <input
            id="role-description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <ModalActions>
          <button type="button" className="button button--outline" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={saving || !name.trim()}>
            Save
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
