import { Route, Routes } from 'react-router-dom';
import { selfCareRoutes } from './selfcare/routes';
import NotFoundPage from './shared/ui/NotFoundPage';
import { staffRoutes } from './staff/routes';
import { topUpRoutes } from './topup/routes';

// One SPA, three apps: the staff portal, the self-care portal and the public top-up page.
export default function App() {
  return (
    <Routes>
      {staffRoutes}
      {selfCareRoutes}
      {topUpRoutes}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
