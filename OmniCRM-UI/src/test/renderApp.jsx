import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import App from '../App';
import { saveSession } from '../shared/session';
import { loginBody, mockApi } from './mockApi';

// Where the app is after the last navigation: `current.location.pathname`, `.search`, `.hash`.
export const current = { location: null };

function LocationProbe() {
  current.location = useLocation();
  return null;
}

// The whole app at `entry`, signed in with `session`, its API answered from `routes` (see
// mockApi); returns the recorded requests.
export function renderApp(entry, routes, session = loginBody()) {
  saveSession(session);
  const requests = mockApi(routes);
  render(
    <MemoryRouter initialEntries={[entry]}>
      <App />
      <LocationProbe />
    </MemoryRouter>,
  );
  return requests;
}
