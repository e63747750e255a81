import { AxiosError } from 'axios';
import { api } from '../shared/api';

const realAdapter = api.defaults.adapter;

// Answers every request of the shared axios instance from `routes`
// ({"POST /crm/auth/login": [status, body]}) and records what was sent.
export function mockApi(routes) {
  const requests = [];
  api.defaults.adapter = async (request) => {
    const key = `${request.method.toUpperCase()} ${request.url}`;
    requests.push({
      key,
      headers: request.headers,
      body: request.data ? JSON.parse(request.data) : undefined,
    });
    const [status, data] = routes[key] ?? [404, { message: `No mock for ${key}` }];
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
