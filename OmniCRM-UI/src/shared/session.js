// The signed-in user's tokens live in localStorage so that every tab shares them.
const TOKEN_KEY = 'omnicrm.token';
const REFRESH_TOKEN_KEY = 'omnicrm.refresh_token';
const USER_KEY = 'omnicrm.user';

export function getAccessToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function isSignedIn() {
  return Boolean(getAccessToken());
}

export function saveSession({ token, refresh_token: refreshToken, user }) {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(REFRESH_TOKEN_KEY, refreshToken);
  if (user) {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  }
}

export function getSessionUser() {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY)) ?? null;
  } catch {
    return null;
  }
}

export function clearSession() {
  [TOKEN_KEY, REFRESH_TOKEN_KEY, USER_KEY].forEach((key) => localStorage.removeItem(key));
}

export function displayName(user) {
  const fullName = [user?.first_name, user?.last_name].filter(Boolean).join(' ');
  return fullName || user?.email || 'Account';
}
