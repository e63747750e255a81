import { useCallback, useEffect, useState } from 'react';
import { api } from './api';

// The body of GET `url` (a customer's contacts, sites, tags…), loaded now and on reload().
export default function useRecords(url) {
  const [records, setRecords] = useState(null);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    try {
      const { data } = await api.get(url);
      setRecords(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [url]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { records, error, reload };
}
