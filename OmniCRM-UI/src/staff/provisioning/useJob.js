import { useCallback, useEffect, useState } from 'react';
import { api } from '../../shared/api';
import usePolling from '../../shared/usePolling';
import { isRunning } from './jobStatus';

// The live view polls this often until the job ends.
export const JOB_POLL_MS = 1500;

// Provisioning job `provisionId` as GET /crm/provision/provision_id/{id} returns it, polled until
// it ends: {job (null until loaded), error (an ApiError or null)}.
export default function useJob(provisionId) {
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get(`/crm/provision/provision_id/${provisionId}`);
      setJob(data);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [provisionId]);

  useEffect(() => {
    load();
  }, [load]);

  usePolling(load, JOB_POLL_MS, isRunning(job) && error?.status !== 404);

  return { job, error };
}
