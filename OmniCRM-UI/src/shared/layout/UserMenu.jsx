import { Link } from 'react-router-dom';
import useLogout from '../auth/useLogout';
import { displayName, useSession } from '../session';
import Dropdown from '../ui/Dropdown';
import { UserIcon } from '../ui/icons';

export default function UserMenu() {
  const logout = useLogout('/login');
  const { user } = useSession();
  return (
    <Dropdown
      label="User menu"
      buttonContent={
        <>
          <UserIcon />
          <span className="user-menu__name">{displayName(user)}</span>
        </>
      }
    >
      <Link className="dropdown__item" role="menuitem" to="/profile">
        Profile
      </Link>
      <Link className="dropdown__item" role="menuitem" to="/change-password">
        Change password
      </Link>
      <button type="button" className="dropdown__item" role="menuitem" onClick={logout}>
        Logout
      </button>
    </Dropdown>
  );
}
