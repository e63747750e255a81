import { Link, NavLink } from 'react-router-dom';
import { logos } from '../branding';
import { config } from '../config';
import { can, useSession } from '../session';

// The sections and items the session may see: items need their permission, and a section
// with no item left disappears.
function visibleNavigation(navigation, allowed) {
  return navigation.flatMap((section) => {
    if (!section.items) return !section.permission || allowed(section.permission) ? [section] : [];
    const items = section.items.filter((item) => !item.permission || allowed(item.permission));
    return items.length > 0 ? [{ ...section, items }] : [];
  });
}

function NavItem({ item, onNavigate }) {
  return (
    <NavLink className="sidebar__link" to={item.to} end={item.end} onClick={onNavigate}>
      {item.label}
    </NavLink>
  );
}

export default function Sidebar({ navigation, onNavigate }) {
  const session = useSession();
  const sections = visibleNavigation(navigation, (permission) => can(permission, session));
  return (
    <aside className="sidebar" id="sidebar">
      <Link className="sidebar__brand" to="/" onClick={onNavigate}>
        <img src={logos.light} alt={config.portalName} />
      </Link>
      <nav aria-label="Main">
        {sections.map((section) =>
          section.items ? (
            <div className="sidebar__section" key={section.label}>
              <h2 className="sidebar__heading">{section.label}</h2>
              {section.items.map((item) => (
                <NavItem key={item.to} item={item} onNavigate={onNavigate} />
              ))}
            </div>
          ) : (
            <div className="sidebar__section" key={section.label}>
              <NavItem item={section} onNavigate={onNavigate} />
            </div>
          ),
        )}
      </nav>
    </aside>
  );
}
