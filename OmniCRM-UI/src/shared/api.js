import axios from 'axios';
import {
  clearSession,
  getAccessToken,
  getRefreshToken,
  isSignedIn,
  saveTokens,
  setMustChangePassword,
} from './session';

// Every failed call rejects with an ApiError built from the API's error shape
// {"message": ..., "errors": {field: reason}}.
export class ApiError extends Error {
  constructor({ status, message, errors }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

export function toApiError(error) {
  const { response } = error;
  if (!response) {
    return new ApiError({ status: 0, message: 'Cannot reach the server', errors: {} });
  }
  const body = response.data && typeof response.data === 'object' ? response.data : {};
  return new ApiError({
    status: response.status,
    message:
      typeof body.message === 'string' && body.message
        ? body.message
        : `Request failed with status ${response.status}`,
    errors: body.errors && typeof body.errors === 'object' ? body.errors : {},
  });
}

const PASSWORD_CHANGE_MESSAGE = 'Password change required';

export const api = axios.create({ baseURL: '' });

// Requests made with {anonymous: true} (login, 2FA challenge, refresh, password reset) carry no
// access token, and a 401 from them is an answer, not an expired session. {authRetry: false}
// marks a signed-in call whose 401 is an answer too (a wrong password).
api.interceptors.request.use((request) => {
  const token = getAccessToken();
  if (token && !request.anonymous) {
    request.headers.Authorization = `Bearer ${token}`;
  }
  return request;
});

let refreshing = null;

// One refresh at a time: requests failing together wait for the same new tokens.
function refreshSession() {
  refreshing ??= api
    .post('/crm/auth/refresh', { refresh_token: getRefreshToken() }, { anonymous: true })
    .then(({ data }) => saveTokens(data))
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

// On a 401 the request is retried once after a silent refresh; when the refresh fails the
// session ends (RequireSession then shows the login page with the notice).
async function retryWithNewToken(request, error) {
  request.retried = true;
  const sentToken = request.headers.Authorization;
  if (sentToken === `Bearer ${getAccessToken()}`) {
    try {
      await refreshSession();
    } catch {
      clearSession({ notice: 'Your session has expired. Please log in again.' });
      throw toApiError(error);
    }
  }
  return api(request);
}

api.interceptors.response.use(
  (response) => response,
  (error) => {
    const request = error.config;
    const status = error.response?.status;
    const mayRetry = request && !request.anonymous && request.authRetry !== false && !request.retried;
    if (status === 401 && mayRetry && isSignedIn()) {
      return retryWithNewToken(request, error);
    }
    const apiError = toApiError(error);
    // RequireSession then sends the user to the change-password page.
    if (status === 403 && apiError.message === PASSWORD_CHANGE_MESSAGE) setMustChangePassword(true);
    return Promise.reject(apiError);
  },
);
