import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { getAccessToken, saveSession } from '../session';

afterEach(restoreApi);

function renderSignedIn() {
  saveSession(loginBody({ user: { first_name: 'Ada', last_name: 'Agent' } }));
  const { container } = render(
    <MemoryRouter initialEntries={['/']}>
      <App />
    </MemoryRouter>,
  );
  return container;
}

describe('StaffLayout', () => {
  it('opens the sidebar from the hamburger and closes it on navigation', async () => {
    const user = userEvent.setup();
    const container = renderSignedIn();
    const hamburger = screen.getByRole('button', { name: 'Toggle navigation' });
    const shell = container.querySelector('.shell');
    await user.click(hamburger);
    expect(hamburger).toHaveAttribute('aria-expanded', 'true');
    expect(shell).toHaveClass('shell--sidebar-open');
    await user.click(screen.getByRole('link', { name: 'Provisioning' }));
    expect(shell).not.toHaveClass('shell--sidebar-open');
    expect(await screen.findByRole('heading', { level: 1, name: 'Provisioning' })).toBeInTheDocument();
  });

  it('remembers the dark mode choice', async () => {
    const user = userEvent.setup();
    renderSignedIn();
    await user.click(screen.getByRole('button', { name: 'Dark mode' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('omnicrm.darkMode')).toBe('true');
  });

  it('offers the 8 languages and remembers the choice', async () => {
    const user = userEvent.setup();
    renderSignedIn();
    const languages = screen.getByRole('combobox', { name: 'Language' });
    expect(languages.options).toHaveLength(8);
    await user.selectOptions(languages, 'sp');
    expect(localStorage.getItem('omnicrm.language')).toBe('sp');
    expect(document.documentElement.lang).toBe('es');
  });

  it('shows the user in the menu and logs out to the login page', async () => {
    const user = userEvent.setup();
    const requests = mockApi({ 'POST /crm/auth/logout': [200, {}] });
    renderSignedIn();
    await user.click(screen.getByRole('button', { name: 'User menu' }));
    expect(screen.getByRole('menuitem', { name: 'Profile' })).toHaveAttribute('href', '/profile');
    await user.click(screen.getByRole('menuitem', { name: 'Logout' }));
    expect(await screen.findByTestId('login-form')).toBeInTheDocument();
    expect(requests.map((request) => request.key)).toEqual(['POST /crm/auth/logout']);
    expect(getAccessToken()).toBeNull();
  });
});
