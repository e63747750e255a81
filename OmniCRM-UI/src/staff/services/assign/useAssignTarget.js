import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';

// The customer (from ?customer_id) or the service (from ?service_id: an add-on for it) the wizard
// works for, and the products it offers: the whole catalogue, or the add-ons compatible with the
// service (spec 04 §19).
export default function useAssignTarget(customerId, serviceId) {
  const [target, setTarget] = useState({ customer: null, service: null });
  const [products, setProducts] = useState(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    const fail = (failure) => current && setError(failure.message);
    async function load() {
      if (serviceId) {
        const { data: service } = await api.get(`/crm/service/${serviceId}`, { params: { include_usage: false } });
        const customer = { customer_id: service.customer_id, customer_name: service.customer_name };
        const { data } = await api.get('/crm/product/', {
          params: { category: 'addon', service_type: service.service_type, customer_id: service.customer_id },
        });
        if (current) {
          setTarget({ customer, service });
          setProducts(data);
        }
        return;
      }
      if (customerId) {
        const { data: customer } = await api.get(`/crm/customer/customer_id/${customerId}`);
        if (current) setTarget({ customer, service: null });
      }
      const { data } = await api.get('/crm/product/');
      if (current) setProducts(data);
    }
    load().catch(fail);
    return () => {
      current = false;
    };
  }, [customerId, serviceId]);

  return { ...target, products, error };
}
