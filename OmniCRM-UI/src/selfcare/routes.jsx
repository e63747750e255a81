import { Route } from 'react-router-dom';
import LoginPage from '../shared/auth/LoginPage';
import RequireSession from '../shared/auth/RequireSession';
import { config } from '../shared/config';
import { PortalNameContext } from '../shared/ui/Page';
import InvoicesPage from './InvoicesPage';
import ProfilePage from './ProfilePage';
import SelfCareLayout from './SelfCareLayout';
import ServicesPage from './ServicesPage';

export const selfCareRoutes = (
  <>
    <Route
      path="/self-care/login"
      element={
        <PortalNameContext.Provider value={config.selfCareName}>
          <LoginPage portalName={config.selfCareName} defaultLanding="/self-care" />
        </PortalNameContext.Provider>
      }
    />
    <Route element={<RequireSession loginPath="/self-care/login" />}>
      <Route element={<SelfCareLayout />}>
        <Route path="/self-care" element={<ServicesPage />} />
        <Route path="/self-care/invoices" element={<InvoicesPage />} />
        <Route path="/self-care/profile" element={<ProfilePage />} />
      </Route>
    </Route>
  </>
);
