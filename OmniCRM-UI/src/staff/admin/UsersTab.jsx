import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { impersonate } from '../../shared/auth/impersonation';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, displayName, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import Badge from '../../shared/ui/Badge';
import ConfirmDialog from '../../shared/ui/ConfirmDialog';
import IconButton from '../../shared/ui/IconButton';
import Pagination from '../../shared/ui/Pagination';
import {
  EditIcon,
  KeyIcon,
  LoginAsIcon,
  RestoreIcon,
  SendIcon,
  ShieldIcon,
  TrashIcon,
} from '../../shared/ui/icons';
import SearchBox from '../../shared/ui/SearchBox';
import useDebounced from '../../shared/useDebounced';
import TemporaryPasswordDialog from './TemporaryPasswordDialog';
import UserFormModal from './UserFormModal';

const PER_PAGE = 20;

// The Users tab: search, paging, and the actions of spec 02 §7.3 on each user.
export default function UsersTab() {
  const session = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [page, setPage] = useState(1);
  const [showDeleted, setShowDeleted] = useState(false);
  const [result, setResult] = useState(null);
  const [roles, setRoles] = useState([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [dialog, setDialog] = useState(null);

  const load = useCallback(async () => {
    try {
      // The plain list leaves deleted users out; the search endpoint lists them on request.
      const params = { page, per_page: PER_PAGE, search: settledSearch || undefined };
      const { data } = showDeleted
        ? await api.get('/auth/users/search', { params: { ...params, filters: JSON.stringify({ deleted: [true] }) } })
        : await api.get('/auth/users', { params });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, settledSearch, showDeleted]);

  useEffect(() => {
    load();
  }, [load]);

  useEffect(() => {
    api
      .get('/auth/roles')
      .then(({ data }) => setRoles(data))
      .catch((failure) => setError(failure.message));
  }, []);

  // Runs a confirmed action, then closes the dialog, says what happened and reloads the list.
  const finish = (message) => {
    setDialog(null);
    setNotice(message);
    load();
  };

  const open = (type, user) => {
    setNotice('');
    setDialog({ type, user });
  };

  async function loginAs(user) {
    setError('');
    try {
      navigate(await impersonate(user.id));
    } catch (failure) {
      setError(failure.message);
    }
  }

  const user = dialog?.user;
  const name = user && displayName(user);

  return (
    <div className="stack">
      <div className="toolbar">
        <SearchBox
          label="Search users"
          placeholder="Search name, username or e-mail"
          value={search}
          onChange={(text) => {
            setSearch(text);
            setPage(1);
          }}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showDeleted}
            onChange={(event) => {
              setShowDeleted(event.target.checked);
              setPage(1);
            }}
          />
          Deleted users
        </label>
        <button type="button" className="button button--primary" onClick={() => open('add', null)}>
          Add User
        </button>
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="panel table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Username</th>
              <th>Email</th>
              <th>Phone</th>
              <th>Roles</th>
              <th>Last login</th>
              <th className="table__actions">Actions</th>
            </tr>
          </thead>
          <tbody>
            {result?.data.length === 0 && (
              <tr>
                <td colSpan={7} className="table__empty">
                  No users found
                </td>
              </tr>
            )}
            {result?.data.map((row) => (
              <tr key={row.id} className={row.deleted ? 'table__row--muted' : undefined}>
                <td className="table__nowrap">
                  <span className="user-name">
                    {displayName(row)}
                    {row.is_2fa_enabled && (
                      <span className="user-name__shield" title="2FA enabled" aria-label="2FA enabled" role="img">
                        <ShieldIcon />
                      </span>
                    )}
                  </span>
                  {row.deleted && <Badge kind="danger">Deleted</Badge>}
                  {!row.deleted && row.is_active === false && <Badge>Inactive</Badge>}
                </td>
                <td>{row.username}</td>
                <td>{row.email}</td>
                <td>{row.phone_number || '—'}</td>
                <td>
                  <span className="badges">
                    {row.roles.map((role) => (
                      <Badge key={role} kind="info">
                        {role}
                      </Badge>
                    ))}
                  </span>
                </td>
                <td className="table__nowrap">
                  {formatDateTime(row.last_login, { locale: config.locale, empty: 'Never' })}
                </td>
                <td className="table__actions">
                  {row.deleted ? (
                    <IconButton label={`Restore ${displayName(row)}`} onClick={() => open('restore', row)}>
                      <RestoreIcon />
                    </IconButton>
                  ) : (
                    <>
                      {row.login_count === 0 && (
                        <IconButton label={`Send welcome e-mail to ${displayName(row)}`} onClick={() => open('welcome', row)}>
                          <SendIcon />
                        </IconButton>
                      )}
                      <IconButton label={`Edit ${displayName(row)}`} onClick={() => open('edit', row)}>
                        <EditIcon />
                      </IconButton>
                      <IconButton label={`Reset password of ${displayName(row)}`} onClick={() => open('reset-password', row)}>
                        <KeyIcon />
                      </IconButton>
                      {row.is_2fa_enabled && (
                        <IconButton label={`Reset 2FA of ${displayName(row)}`} onClick={() => open('reset-2fa', row)}>
                          <ShieldIcon size={18} />
                        </IconButton>
                      )}
                      {can('can_impersonate', session) && row.id !== session.user?.id && (
                        <IconButton label={`Login as ${displayName(row)}`} onClick={() => loginAs(row)}>
                          <LoginAsIcon />
                        </IconButton>
                      )}
                      <IconButton label={`Delete ${displayName(row)}`} onClick={() => open('delete', row)}>
                        <TrashIcon />
                      </IconButton>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pagination={result?.pagination} onPage={setPage} itemName="users" />

      {(dialog?.type === 'add' || dialog?.type === 'edit') && (
        <UserFormModal user={user} roles={roles} onClose={() => setDialog(null)} onSaved={finish} />
      )}
      {dialog?.type === 'welcome' && (
        <ConfirmDialog
          title="Send welcome e-mail"
          confirmLabel="Send email"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { data } = await api.post(`/auth/users/${user.id}/send_welcome_email`);
            finish(data.message || `Welcome e-mail sent to ${user.email}`);
          }}
        >
          <p>
            {name} gets an e-mail at <strong>{user.email}</strong> with:
          </p>
          <ul>
            <li>a welcome to {config.portalName} and their username ({user.username});</li>
            <li>a link to choose their password, valid for a limited time;</li>
            <li>the address of the portal to sign in.</li>
          </ul>
        </ConfirmDialog>
      )}
      {dialog?.type === 'reset-password' && (
        <ConfirmDialog
          title="Reset password"
          confirmLabel="Reset password"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { data } = await api.post(`/auth/users/${user.id}/admin_reset_password`, {
              force_change: true,
            });
            setDialog({ type: 'temporary-password', user, password: data.temporary_password });
          }}
        >
          <p>
            {name} gets a new temporary password and is signed out everywhere. They must choose a new
            password when they next log in.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.type === 'temporary-password' && (
        <TemporaryPasswordDialog user={user} password={dialog.password} onClose={() => setDialog(null)} />
      )}
      {dialog?.type === 'reset-2fa' && (
        <ConfirmDialog
          title="Reset two-factor authentication"
          confirmLabel="Reset 2FA"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              const { data } = await api.post(`/2fa/admin/disable/user/${user.id}`);
              finish(data.message || `${name} can now log in with password only.`);
            } catch (failure) {
              throw new Error(`Failed to reset 2FA: ${failure.message}`);
            }
          }}
        >
          <p>
            {name}&apos;s authenticator and backup codes stop working and their sessions end. They can
            log in with their password only and set up 2FA again. Check who is asking before you do
            this.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.type === 'delete' && (
        <ConfirmDialog
          title="Delete user"
          confirmLabel="Delete"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/auth/users/${user.id}`);
            finish(`${name} has been deleted.`);
          }}
        >
          <p>This removes {name}&apos;s:</p>
          <ul>
            <li>user account and credentials,</li>
            <li>2FA settings,</li>
            <li>session history.</li>
          </ul>
          <p>Customer data and transactions are NOT deleted. The user can no longer log in.</p>
        </ConfirmDialog>
      )}
      {dialog?.type === 'restore' && (
        <ConfirmDialog
          title="Restore user"
          confirmLabel="Restore"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.put(`/auth/users/${user.id}`, { deleted: false });
            finish(`${name} has been restored and can log in again.`);
          }}
        >
          <p>{name} can log in again with their old password.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
