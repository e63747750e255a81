import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../shared/session';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { assignPlanPath, mayAssignPlan } from '../services/assign/entryPoints';
import ServiceCells, { SERVICE_COLUMNS } from '../services/ServiceCells';

const COLUMNS = ['Service', ...SERVICE_COLUMNS.map((column) => column.label), 'Usage'];

// Services: the customer's services, each linked to its page, and "Add Service" (the plan
// assignment wizard for this customer).
export default function ServicesTab({ customer }) {
  const session = useSession();
  const navigate = useNavigate();
  const { records, error } = useRecords(`/crm/service/customer_id/${customer.customer_id}`);
  return (
    <RecordsTable
      addLabel="Add Service"
      mayAdd={mayAssignPlan(customer, session)}
      onAdd={() => navigate(assignPlanPath(customer.customer_id))}
      error={error}
      columns={COLUMNS}
      showActions={false}
      records={records?.data}
      emptyText="No services yet"
      renderRow={(service) => (
        <tr key={service.service_id}>
          <td>
            <Link to={`/services/${service.service_id}`}>{service.service_name}</Link>
          </td>
          <ServiceCells service={service} />
          <td>
            <Link to={`/services/${service.service_id}#usage`}>View usage</Link>
          </td>
        </tr>
      )}
    />
  );
}
