import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, restoreApi } from '../test/mockApi';
import { ApiError, api } from './api';
import { saveSession } from './session';

afterEach(restoreApi);

describe('api', () => {
  it('sends the stored access token as a Bearer header', async () => {
    saveSession({ token: 'access-1', refresh_token: 'refresh-1' });
    const requests = mockApi({ 'GET /crm/customer': [200, []] });
    await api.get('/crm/customer');
    expect(requests[0].headers.Authorization).toBe('Bearer access-1');
  });

  it('sends no Authorization header when signed out', async () => {
    const requests = mockApi({ 'GET /crm/health': [200, { status: 'ok' }] });
    await api.get('/crm/health');
    expect(requests[0].headers.Authorization).toBeUndefined();
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
