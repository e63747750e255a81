import { Suspense, useState } from 'react';
import { Outlet } from 'react-router-dom';
import ImpersonationBanner from './ImpersonationBanner';
import Sidebar from './Sidebar';
import TopBar from './TopBar';

// The staff shell (spec 02 §7.1): sidebar, top bar, and the current page (pages loaded on demand
// show "Loading…" meanwhile). Below the md breakpoint the sidebar slides in from the hamburger button.
export default function StaffLayout({ navigation }) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const closeSidebar = () => setSidebarOpen(false);

  return (
    <div className={`shell${sidebarOpen ? ' shell--sidebar-open' : ''}`}>
      <Sidebar navigation={navigation} onNavigate={closeSidebar} />
      <div className="shell__backdrop" onClick={closeSidebar} aria-hidden="true" />
      <div className="shell__main">
        <ImpersonationBanner />
        <TopBar sidebarOpen={sidebarOpen} onToggleSidebar={() => setSidebarOpen(!sidebarOpen)} />
        <main className="shell__content">
          <Suspense fallback={<p className="page-loading">Loading…</p>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
