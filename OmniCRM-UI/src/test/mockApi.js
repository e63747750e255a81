import { AxiosError } from 'axios';
import { api } from '../shared/api';

const realAdapter = api.defaults.adapter;

// Answers every request of the shared axios instance from `routes` and records what was sent.
// A route maps "METHOD /path" to [status, body], or to a function of the recorded request that
// returns one, or a promise of one (to answer differently by token or by call count, or later).
// `recorded.config` is the request's axios config (e.g. to report upload progress).
export function mockApi(routes) {
  const requests = [];
  api.defaults.adapter = async (request) => {
    const key = `${request.method.toUpperCase()} ${request.url}`;
    const recorded = {
      key,
      headers: request.headers,
      params: request.params,
      body: request.data ? JSON.parse(request.data) : undefined,
    };
    Object.defineProperty(recorded, 'config', { value: request, enumerable: false });
    requests.push(recorded);
    const route = routes[key] ?? [404, { message: `No mock for ${key}` }];
    const [status, data] = await (typeof route === 'function' ? route(recorded) : route);
    const response = { status, statusText: '', data, headers: {}, config: request };
    if (status >= 400) {
      throw new AxiosError(`Request failed with status ${status}`, 'ERR_BAD_REQUEST', request, null, response);
    }
    return response;
  };
  return requests;
}

export function restoreApi() {
  api.defaults.adapter = realAdapter;
}

// A signed-in session for tests; `permissions` defaults to everything (the admin permission).
export function loginBody({ permissions = ['admin'], roles = [], user = {}, ...rest } = {}) {
  return {
    token: 'access-1',
    refresh_token: 'refresh-1',
    user: { id: 7, first_name: 'Ada', last_name: 'Admin', email: 'ada@example.com', ...user },
    roles,
    permissions,
    landing: '/customers',
    ...rest,
  };
}
