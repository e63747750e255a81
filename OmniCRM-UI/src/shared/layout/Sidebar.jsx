import { Link, NavLink } from 'react-router-dom';
import { logos } from '../branding';
import { config } from '../config';

function NavItem({ item, onNavigate }) {
  return (
    <NavLink className="sidebar__link" to={item.to} end={item.end} onClick={onNavigate}>
      {item.label}
    </NavLink>
  );
}

export default function Sidebar({ navigation, onNavigate }) {
  return (
    <aside className="sidebar" id="sidebar">
      <Link className="sidebar__brand" to="/" onClick={onNavigate}>
        <img src={logos.light} alt={config.portalName} />
      </Link>
      <nav aria-label="Main">
        {navigation.map((section) =>
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
