import { api } from './api';
import useLoaded from './useLoaded';

// The body of GET `url` (a customer's contacts, sites, tags…) with the query `params`, loaded now,
// again when they change, and on reload(). The last body stays while a new one loads and when a
// reload fails; `failure` is the ApiError of the last load (null after a success), `error` its
// message.
export default function useRecords(url, params) {
  const query = params === undefined ? undefined : JSON.stringify(params);
  const { value, ...state } = useLoaded(async () => {
    const { data } = await api.get(url, { params: query && JSON.parse(query) });
    return data;
  }, `${url}?${query}`);
  return { records: value, ...state };
}
