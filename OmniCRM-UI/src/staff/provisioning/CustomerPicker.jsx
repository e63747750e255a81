import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import { SelectField, TextField } from '../../shared/ui/Field';
import useDebounced from '../../shared/useDebounced';

// A type-ahead choosing a customer: a search (name, id, email, phone) and the matches, read
// "Name (ID: 12)". onChange receives the chosen id (text) and the customer row (null when none);
// `emptyLabel` names the choice of none. `idPrefix` keeps the ids unique.
export default function CustomerPicker({
  customerId,
  onChange,
  error,
  idPrefix = 'provision-customer',
  emptyLabel = 'Choose a customer',
}) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search);
  const [customers, setCustomers] = useState([]);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    let current = true;
    api
      .get('/crm/customers', { params: { search: settled.trim() || undefined, per_page: 20 } })
      .then(({ data }) => {
        if (!current) return;
        setCustomers(data.data);
        setFailure('');
      })
      .catch((refusal) => current && setFailure(refusal.message));
    return () => {
      current = false;
    };
  }, [settled]);

  const options = customers.map((customer) => [
    String(customer.customer_id),
    `${customer.customer_name} (ID: ${customer.customer_id})`,
  ]);
  const chosen = options.some(([value]) => value === customerId);
  return (
    <>
      <TextField
        id={`${idPrefix}-search`}
        label="Find customer"
        type="search"
        value={search}
        onChange={setSearch}
      />
      {failure && <Alert>{failure}</Alert>}
      <SelectField
        id={idPrefix}
        label="Customer"
        hint={options.length === 0 ? 'Customer not found' : undefined}
        error={error}
        value={chosen ? customerId : ''}
        onChange={(value) =>
          onChange(value, customers.find((customer) => String(customer.customer_id) === value) ?? null)
        }
        options={[['', emptyLabel], ...options]}
      />
    </>
  );
}
