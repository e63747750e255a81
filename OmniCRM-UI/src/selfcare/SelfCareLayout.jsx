import { Link, NavLink, Outlet } from 'react-router-dom';
import useLogout from '../shared/auth/useLogout';
import { logos } from '../shared/branding';
import { config } from '../shared/config';
import ImpersonationBanner from '../shared/layout/ImpersonationBanner';
import { PortalNameContext } from '../shared/ui/Page';

const links = [
  { label: 'Services', to: '/self-care', end: true },
  { label: 'Invoices', to: '/self-care/invoices' },
  { label: 'Profile', to: '/self-care/profile' },
];

export default function SelfCareLayout() {
  const logout = useLogout('/self-care/login');
  return (
    <PortalNameContext.Provider value={config.selfCareName}>
      <div className="selfcare">
        <ImpersonationBanner />
        <header className="selfcare__header">
          <Link className="selfcare__brand" to="/self-care">
            <img src={logos.dark} alt={config.companyName} />
            <span>{config.selfCareName}</span>
          </Link>
          <nav className="selfcare__nav" aria-label="Self-care">
            {links.map((link) => (
              <NavLink key={link.to} className="selfcare__link" to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            ))}
            <button type="button" className="button button--outline" onClick={logout}>
              Logout
            </button>
          </nav>
        </header>
        <main className="selfcare__content">
          <Outlet />
        </main>
      </div>
    </PortalNameContext.Provider>
  );
}
