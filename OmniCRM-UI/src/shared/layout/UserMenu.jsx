import { Link } from 'react-router-dom';
import useLogout from '../auth/useLogout';
import { displayName, getSessionUser } from '../session';
import Dropdown from '../ui/Dropdown';
import { UserIcon } from '../ui/icons';

export default function UserMenu() {
  const logout = useLogout('/login');
  return (
    <Dropdown
      label="User menu"
      buttonContent={
        <>
          <UserIcon />
          <span className="user-menu__name">{displayName(getSessionUser())}</span>
        </>
      }
    >
      <Link className="dropdown__item" role="menuitem" to="/profile">
        Profile
      </Link>
      <button type="button" className="dropdown__item" role="menuitem" onClick={logout}>
        Logout
      </button>
    </Dropdown>
  );
}
