import { useSyncExternalStore } from 'react';

// The signed-in user's tokens and what the login body said about them (user, roles, permissions,
// landing route) live in localStorage so that every tab shares them. While a staff member
// impersonates someone, their own session details wait under IMPERSONATOR_KEY.
const TOKEN_KEY = 'omnicrm.token';
const REFRESH_TOKEN_KEY = 'omnicrm.refresh_token';
const SESSION_KEY = 'omnicrm.session';
const IMPERSONATOR_KEY = 'omnicrm.impersonator';
const NOTICE_KEY = 'omnicrm.signed_out_notice';

const listeners = new Set();
let snapshot = { raw: null, value: null };

function readJson(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function details({ user = null, roles = [], permissions = [], landing = null }) {
  return { user, roles, permissions, landing };
}

function notify() {
  listeners.forEach((listener) => listener());
}

export function getAccessToken() {
  return localStorage.getItem(TOKEN_KEY);
}

export function getRefreshToken() {
  return localStorage.getItem(REFRESH_TOKEN_KEY);
}

export function isSignedIn() {
  return Boolean(getAccessToken());
}

// {token, user, roles, permissions, landing, impersonator, notice}; the same object until
// something changes. `notice` tells a signed-out user why their session ended.
export function getSession() {
  const raw = [TOKEN_KEY, SESSION_KEY, IMPERSONATOR_KEY, NOTICE_KEY]
    .map((key) => localStorage.getItem(key))
    .join('\n');
  if (snapshot.raw !== raw) {
    snapshot = {
      raw,
      value: {
        token: getAccessToken(),
        ...details(readJson(SESSION_KEY) ?? {}),
        impersonator: readJson(IMPERSONATOR_KEY),
        notice: localStorage.getItem(NOTICE_KEY),
      },
    };
  }
  return snapshot.value;
}

function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession() {
  return useSyncExternalStore(subscribe, getSession);
}

export function saveTokens({ token, refresh_token: refreshToken }) {
  localStorage.removeItem(NOTICE_KEY);
  localStorage.setItem(TOKEN_KEY, token);
  if (refreshToken) localStorage.setItem(REFRESH_TOKEN_KEY, refreshToken);
  notify();
}

export function saveSessionDetails(body) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(details(body)));
  notify();
}

// Stores a login body: {token, refresh_token, user, roles, permissions, landing}.
export function saveSession(body) {
  localStorage.setItem(SESSION_KEY, JSON.stringify(details(body)));
  saveTokens(body);
}

export function clearSession({ notice } = {}) {
  [TOKEN_KEY, REFRESH_TOKEN_KEY, SESSION_KEY, IMPERSONATOR_KEY, NOTICE_KEY].forEach((key) =>
    localStorage.removeItem(key),
  );
  if (notice) localStorage.setItem(NOTICE_KEY, notice);
  notify();
}

export function startImpersonation(targetSession) {
  const { user, roles, permissions, landing } = getSession();
  localStorage.setItem(IMPERSONATOR_KEY, JSON.stringify({ user, roles, permissions, landing }));
  saveSession(targetSession);
}

// Back to the staff member's own session, from the login body that stop_impersonation returned.
export function endImpersonation(body) {
  const { impersonator } = getSession();
  localStorage.removeItem(IMPERSONATOR_KEY);
  saveSession({ ...impersonator, ...body });
}

export function setMustChangePassword(required) {
  const session = getSession();
  saveSessionDetails({ ...session, user: { ...session.user, must_change_password: required } });
}

// While impersonating, the target's pending password change is not the staff member's to make
// (the API refuses it), so it does not lock the pages.
export function mustChangePassword(session = getSession()) {
  return Boolean(session.user?.must_change_password) && !session.impersonator;
}

// True when the session holds the permission; the admin role or permission holds them all.
export function can(permission, session = getSession()) {
  const held = session.permissions.map((name) => name.toLowerCase());
  const isAdmin = held.includes('admin') || session.roles.some((role) => role.toLowerCase() === 'admin');
  return isAdmin || held.includes(permission.toLowerCase());
}

export function isCustomerUser(session = getSession()) {
  return session.roles.some((role) => role.toLowerCase() === 'customer');
}

export function displayName(user) {
  const fullName = [user?.first_name, user?.last_name].filter(Boolean).join(' ');
  return fullName || user?.email || 'Account';
}
