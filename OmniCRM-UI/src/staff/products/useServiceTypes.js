import { useEffect, useState } from 'react';
import { api } from '../../shared/api';

// The service types products already use (mobile, internet…), for the filter and the editor's
// suggestions; [] until known or when they cannot be read.
export default function useServiceTypes() {
  const [types, setTypes] = useState([]);
  useEffect(() => {
    let current = true;
    api
      .get('/crm/product/paginated', { params: { page: 1, per_page: 500, sort: 'service_type', order: 'asc' } })
      .then(({ data }) => {
        const found = new Set(data.data.map((product) => product.service_type).filter(Boolean));
        if (current) setTypes([...found].sort());
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, []);
  return types;
}
