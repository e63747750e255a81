import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { saveSession } from '../session';

afterEach(restoreApi);

let location;
function LocationProbe() {
  location = useLocation();
  return null;
}

function renderShell(session = loginBody()) {
  saveSession(session);
  const requests = mockApi({
    'GET /utilities/search_everything': [
      200,
      { data: [], pagination: { current_page: 1, per_page: 10, total_pages: 0, total_items: 0 } },
    ],
  });
  render(
    <MemoryRouter initialEntries={['/']}>
      <App />
      <LocationProbe />
    </MemoryRouter>,
  );
  return requests;
}

describe('top-bar search', () => {
  it('opens the search page for the typed words on Enter', async () => {
    const user = userEvent.setup();
    const requests = renderShell();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' jo.smith@ {Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Search' })).toBeInTheDocument();
    expect(location.pathname).toBe('/search');
    expect(new URLSearchParams(location.search).get('q')).toBe('jo.smith@');
    expect(requests[0].params.search).toBe('jo.smith@');
  });

  it('takes the cursor on "/" and on Ctrl+K', () => {
    renderShell();
    const box = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(box).toHaveFocus();
    box.blur();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    expect(box).toHaveFocus();
  });

  it('leaves "/" alone while another field is being typed in', async () => {
    const user = userEvent.setup();
    renderShell();
    const language = screen.getByRole('combobox', { name: 'Language' });
    language.focus();
    await user.keyboard('/');
    expect(language).toHaveFocus();
  });

  it('is hidden from self-care users', () => {
    renderShell(loginBody({ roles: ['Customer'], permissions: ['view_customer'] }));
    expect(screen.queryByRole('searchbox', { name: 'Search' })).not.toBeInTheDocument();
  });

  it('is hidden from staff without view_customer', () => {
    renderShell(loginBody({ roles: ['Finance'], permissions: ['view_customer_invoice'] }));
    expect(screen.queryByRole('searchbox', { name: 'Search' })).not.toBeInTheDocument();
  });
});
