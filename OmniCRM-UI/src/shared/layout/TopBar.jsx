import { Link } from 'react-router-dom';
import { logos } from '../branding';
import { config } from '../config';
import { MenuIcon } from '../ui/icons';
import DarkModeToggle from './DarkModeToggle';
import GlobalSearch from './GlobalSearch';
import HelpMenu from './HelpMenu';
import LanguageMenu from './LanguageMenu';
import UserMenu from './UserMenu';
import WebAppBar from './WebAppBar';

export default function TopBar({ sidebarOpen, onToggleSidebar }) {
  return (
    <header className="topbar">
      <button
        type="button"
        className="icon-button topbar__hamburger"
        aria-label="Toggle navigation"
        aria-controls="sidebar"
        aria-expanded={sidebarOpen}
        onClick={onToggleSidebar}
      >
        <MenuIcon />
      </button>
      <Link className="topbar__logo" to="/">
        <img src={logos.small} alt={config.portalName} />
      </Link>
      <GlobalSearch />
      <div className="topbar__controls">
        <WebAppBar />
        <HelpMenu />
        <LanguageMenu />
        <DarkModeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
