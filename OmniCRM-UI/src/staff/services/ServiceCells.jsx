import { day, money } from './display';
import { ServiceFlags, ServiceStatusBadge } from './ServiceBadges';

// The columns every list of services shows, with the API's sort key of the sortable ones.
export const SERVICE_COLUMNS = [
  { label: 'Type', sort: 'service_type' },
  { label: 'Status' },
  { label: 'Start Date', sort: 'service_active_date' },
  { label: 'End Date', sort: 'service_deactivate_date' },
  { label: 'Monthly Cost', sort: 'retail_cost' },
  { label: 'Flags' },
];

export default function ServiceCells({ service }) {
  return (
    <>
      <td>{service.service_type}</td>
      <td>
        <ServiceStatusBadge status={service.service_status} />
      </td>
      <td className="table__nowrap">{day(service.service_active_date)}</td>
      <td className="table__nowrap">{day(service.service_deactivate_date)}</td>
      <td className="table__number">{money(service.retail_cost)}</td>
      <td>
        <ServiceFlags service={service} />
      </td>
    </>
  );
}
