import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import { loadAllTemplates } from './templateFields';

// Every inventory template (for pickers and labels): {templates: null until loaded, error}.
export default function useTemplates() {
  const [templates, setTemplates] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    loadAllTemplates(api)
      .then((all) => current && setTemplates(all))
      .catch((failure) => current && setError(failure.message));
    return () => {
      current = false;
    };
  }, []);
  return { templates, error };
}
