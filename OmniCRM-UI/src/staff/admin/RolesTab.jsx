import { Fragment, useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { groupPermissions, isAdminRole, isProtectedRole, permissionLabel } from '../../shared/permissions';
import Alert from '../../shared/ui/Alert';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import { EditIcon, TrashIcon } from '../../shared/ui/icons';
import RoleFormModal from './RoleFormModal';

// The Roles tab: a permission matrix with roles as columns and the catalogue, grouped by module,
// as rows. Ticking a box grants the permission to the role at once; the Admin role holds
// everything and cannot be edited.
export default function RolesTab() {
  const [roles, setRoles] = useState(null);
  const [permissions, setPermissions] = useState([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [dialog, setDialog] = useState(null);

  const load = useCallback(async () => {
    try {
      const [rolesAnswer, permissionsAnswer] = await Promise.all([
        api.get('/auth/roles'),
        api.get('/auth/permissions'),
      ]);
      setRoles(rolesAnswer.data);
      setPermissions(permissionsAnswer.data);
    } catch (failure) {
      setError(failure.message);
    }
  }, []);

  useEffect(() => {
    load();
  }, [load]);

  async function toggle(role, permission) {
    const granted = role.permissions.includes(permission.name);
    setError('');
    try {
      if (granted) {
        await api.delete(`/auth/roles/${role.id}/permissions/${permission.id}`);
      } else {
        await api.post(`/auth/roles/${role.id}/permissions`, { permission_ids: [permission.id] });
      }
      setRoles((current) =>
        current.map((entry) =>
          entry.id === role.id
            ? {
                ...entry,
                permissions: granted
                  ? entry.permissions.filter((name) => name !== permission.name)
                  : [...entry.permissions, permission.name],
              }
            : entry,
        ),
      );
    } catch (failure) {
      setError(`${role.name}: ${failure.message}`);
    }
  }

  function saved(message) {
    setDialog(null);
    setNotice(message);
    load();
  }

  if (!roles) return error ? <Alert>{error}</Alert> : <p>Loading…</p>;

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="form__hint">
          Tick a box to give a permission to every user of the role. A user holds the union of their
          roles&apos; permissions.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setNotice('');
            setDialog({ type: 'edit', role: null });
          }}
        >
          Create Role
        </button>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="panel table-wrap">
        <table className="table matrix" data-testid="permission-matrix">
          <thead>
            <tr>
              <th scope="col">Permission</th>
              {roles.map((role) => (
                <th scope="col" key={role.id} className="matrix__role">
                  <span className="matrix__role-name" title={role.description || undefined}>
                    {role.name}
                  </span>
                  <span className="matrix__role-users">
                    {role.user_count} {role.user_count === 1 ? 'user' : 'users'}
                  </span>
                  {!isProtectedRole(role) && (
                    <span className="matrix__role-actions">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Rename ${role.name}`}
                        title="Rename"
                        onClick={() => setDialog({ type: 'edit', role })}
                      >
                        <EditIcon size={16} />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Delete ${role.name}`}
                        title="Delete"
                        onClick={() => setDialog({ type: 'delete', role })}
                      >
                        <TrashIcon size={16} />
                      </button>
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groupPermissions(permissions).map(([module, modulePermissions]) => (
              <Fragment key={module}>
                <tr className="matrix__group">
                  <th scope="colgroup" colSpan={roles.length + 1}>
                    {module}
                  </th>
                </tr>
                {modulePermissions.map((permission) => (
                  <tr key={permission.id}>
                    <th scope="row" className="matrix__permission" title={permission.description || undefined}>
                      {permissionLabel(permission.name)}
                    </th>
                    {roles.map((role) => (
                      <td key={role.id} className="matrix__cell">
                        <input
                          type="checkbox"
                          aria-label={`${role.name}: ${permission.name}`}
                          checked={isAdminRole(role) || role.permissions.includes(permission.name)}
                          disabled={isAdminRole(role)}
                          onChange={() => toggle(role, permission)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {dialog?.type === 'edit' && (
        <RoleFormModal role={dialog.role} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.type === 'delete' && (
        <ConfirmDialog
          title="Delete role"
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/auth/roles/${dialog.role.id}`);
            saved(`The role ${dialog.role.name} has been deleted.`);
          }}
        >
          <p>
            The role <strong>{dialog.role.name}</strong> is taken away from its {dialog.role.user_count}{' '}
            {dialog.role.user_count === 1 ? 'user' : 'users'}, who may lose access. This cannot be
            undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
