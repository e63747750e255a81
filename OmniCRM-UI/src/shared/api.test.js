import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, restoreApi } from '../test/mockApi';
import { ApiError, api } from './api';
import { getAccessToken, getSession, saveSession } from './session';

afterEach(restoreApi);

// Answers 200 to the token `valid`, 401 to any other.
const onlyWith = (valid, body = []) => (request) =>
  request.headers.Authorization === `Bearer ${valid}` ? [200, body] : [401, { message: 'Token expired' }];

describe('api', () => {
  it('sends the stored access token as a Bearer header', async () => {
    saveSession({ token: 'access-1', refresh_token: 'refresh-1' });
    const requests = mockApi({ 'GET /crm/customer': [200, []] });
    await api.get('/crm/customer');
    expect(requests[0].headers.Authorization).toBe('Bearer access-1');
  });

  it('sends no Authorization header when signed out or when the call is anonymous', async () => {
    const requests = mockApi({ 'GET /crm/health': [200, { status: 'ok' }], 'POST /crm/auth/login': [200, {}] });
    await api.get('/crm/health');
    saveSession({ token: 'stale', refresh_token: 'refresh-1' });
    await api.post('/crm/auth/login', {}, { anonymous: true });
    expect(requests[0].headers.Authorization).toBeUndefined();
    expect(requests[1].headers.Authorization).toBeUndefined();
  });

  it('turns the API error shape into an ApiError with status, message and errors', async () => {
    mockApi({
      'PUT /crm/customer': [400, { message: 'Validation failed', errors: { email: 'is not valid' } }],
    });
    const error = await api.put('/crm/customer', {}).catch((failure) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: 'Validation failed',
      errors: { email: 'is not valid' },
    });
  });

  it('gives a readable message when the body has none', async () => {
    mockApi({ 'GET /crm/customer': [502, '<html>Bad gateway</html>'] });
    const error = await api.get('/crm/customer').catch((failure) => failure);
    expect(error).toMatchObject({ status: 502, message: 'Request failed with status 502', errors: {} });
  });

  it('reports an unreachable server as status 0', async () => {
    api.defaults.adapter = async () => {
      throw new Error('Network Error');
    };
    const error = await api.get('/crm/health').catch((failure) => failure);
    expect(error).toMatchObject({ status: 0, message: 'Cannot reach the server' });
  });
});

describe('silent refresh on 401', () => {
  it('refreshes once with the stored refresh token and retries with the new access token', async () => {
    saveSession({ token: 'old', refresh_token: 'refresh-1', user: { id: 1 }, permissions: ['admin'] });
    const requests = mockApi({
      'GET /crm/customers': onlyWith('new', [{ customer_id: 1 }]),
      'POST /crm/auth/refresh': [200, { token: 'new', refresh_token: 'refresh-2' }],
    });
    const { data } = await api.get('/crm/customers');
    expect(data).toEqual([{ customer_id: 1 }]);
    expect(requests.map((request) => request.key)).toEqual([
      'GET /crm/customers',
      'POST /crm/auth/refresh',
      'GET /crm/customers',
    ]);
    expect(requests[1].body).toEqual({ refresh_token: 'refresh-1' });
    expect(requests[1].headers.Authorization).toBeUndefined();
    expect(getAccessToken()).toBe('new');
    expect(localStorage.getItem('omnicrm.refresh_token')).toBe('refresh-2');
    expect(getSession().permissions).toEqual(['admin']);
  });

  it('shares one refresh between requests that fail together', async () => {
    saveSession({ token: 'old', refresh_token: 'refresh-1' });
    const requests = mockApi({
      'GET /crm/customers': onlyWith('new'),
      'GET /crm/product': onlyWith('new'),
      'POST /crm/auth/refresh': [200, { token: 'new', refresh_token: 'refresh-2' }],
    });
    await Promise.all([api.get('/crm/customers'), api.get('/crm/product')]);
    expect(requests.filter((request) => request.key === 'POST /crm/auth/refresh')).toHaveLength(1);
  });

  it('does not refresh a second time when the retried request is refused again', async () => {
    saveSession({ token: 'old', refresh_token: 'refresh-1' });
    const requests = mockApi({
      'GET /crm/customers': [401, { message: 'Not allowed' }],
      'POST /crm/auth/refresh': [200, { token: 'new', refresh_token: 'refresh-2' }],
    });
    const error = await api.get('/crm/customers').catch((failure) => failure);
    expect(error).toMatchObject({ status: 401, message: 'Not allowed' });
    expect(requests.map((request) => request.key)).toEqual([
      'GET /crm/customers',
      'POST /crm/auth/refresh',
      'GET /crm/customers',
    ]);
    expect(getAccessToken()).toBe('new');
    expect(getSession().notice).toBeNull();
  });

  it('ends the session with a notice when the refresh is refused', async () => {
    saveSession({ token: 'old', refresh_token: 'refresh-1', user: { id: 1 } });
    mockApi({
      'GET /crm/customers': [401, { message: 'Token expired' }],
      'POST /crm/auth/refresh': [401, { message: 'Refresh token revoked' }],
    });
    const error = await api.get('/crm/customers').catch((failure) => failure);
    expect(error).toMatchObject({ status: 401, message: 'Token expired' });
    expect(getAccessToken()).toBeNull();
    expect(getSession().user).toBeNull();
    expect(getSession().notice).toBe('Your session has expired. Please log in again.');
  });

  it('takes a 401 as the answer for anonymous calls and calls marked authRetry: false', async () => {
    saveSession({ token: 'old', refresh_token: 'refresh-1' });
    const requests = mockApi({
      'POST /crm/auth/login': [401, { message: 'Invalid email or password' }],
      'POST /2fa/enable/user/1': [401, { message: 'Incorrect password' }],
    });
    await api.post('/crm/auth/login', {}, { anonymous: true }).catch(() => {});
    const error = await api.post('/2fa/enable/user/1', {}, { authRetry: false }).catch((failure) => failure);
    expect(error.message).toBe('Incorrect password');
    expect(requests.map((request) => request.key)).toEqual(['POST /crm/auth/login', 'POST /2fa/enable/user/1']);
    expect(getAccessToken()).toBe('old');
  });
});

describe('forced password change', () => {
  it('marks the session on 403 "Password change required"', async () => {
    saveSession({ token: 'temp', refresh_token: 'refresh-1', user: { id: 1, must_change_password: false } });
    mockApi({ 'GET /crm/profile': [403, { message: 'Password change required' }] });
    const error = await api.get('/crm/profile').catch((failure) => failure);
    expect(error.status).toBe(403);
    expect(getSession().user.must_change_password).toBe(true);
  });

  it('leaves other 403 answers alone', async () => {
    saveSession({ token: 't', refresh_token: 'r', user: { id: 1 } });
    mockApi({ 'GET /auth/users': [403, { message: 'Permission denied: requires admin' }] });
    await api.get('/auth/users').catch(() => {});
    expect(getSession().user.must_change_password).toBeUndefined();
  });
});
