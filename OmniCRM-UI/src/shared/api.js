import axios from 'axios';
import { getAccessToken } from './session';

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

export const api = axios.create({ baseURL: '' });

api.interceptors.request.use((request) => {
  const token = getAccessToken();
  if (token) {
    request.headers.Authorization = `Bearer ${token}`;
  }
  return request;
});

api.interceptors.response.use(
  (response) => response,
  (error) => Promise.reject(toApiError(error)),
);
