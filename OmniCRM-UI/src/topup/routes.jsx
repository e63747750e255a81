import { Route } from 'react-router-dom';
import TopUpPage from './TopUpPage';

export const topUpRoutes = <Route path="/topup" element={<TopUpPage />} />;
