import { Link } from 'react-router-dom';
import Alert from '../../../shared/ui/Alert';
import DetailRow from '../../../shared/ui/DetailRow';
import useRecords from '../../../shared/useRecords';
import { customerPath } from '../../customers/customerTabs';
import { ServiceStatusBadge } from '../ServiceBadges';

function ServiceSummary({ service }) {
  return (
    <>
      <dl className="details details--compact">
        <DetailRow label="Service ID">{service.service_id}</DetailRow>
        <DetailRow label="Service Name">{service.service_name}</DetailRow>
        <DetailRow label="Status">
          <ServiceStatusBadge status={service.service_status} />
        </DetailRow>
      </dl>
      <div className="card__actions">
        <Link className="button button--primary" to={`/services/${service.service_id}`}>
          View Service
        </Link>
      </div>
    </>
  );
}

// The service of the job: the one it created (the runner links it to the job when the job ends),
// or the one an add-on or a renewal was for.
function JobService({ serviceId }) {
  const { records: service, error } = useRecords(`/crm/service/${serviceId}`, { include_usage: false });
  if (error) return <Alert>{error}</Alert>;
  return service && <ServiceSummary service={service} />;
}

// Only for a job that names no service (one run before the runner linked them): the customer's
// newest service of the product, else the way to the customer's services.
function NewestServiceOfProduct({ job }) {
  const { records, error } = useRecords(`/crm/service/customer_id/${job.customer_id}`);
  if (error) return <Alert>{error}</Alert>;
  if (!records) return null;
  const [service] = records.data
    .filter((row) => row.product_id === job.product_id)
    .sort((a, b) => b.service_id - a.service_id);
  if (service) return <ServiceSummary service={service} />;
  return (
    <div className="card__actions">
      <Link className="button button--primary" to={customerPath(job.customer_id, 'services')}>
        View the customer&apos;s services
      </Link>
    </div>
  );
}

// The end of a successful plan assignment or add-on (spec 04 §18.7): `title`, and the service with
// its id, name, status and [View Service].
export default function ProvisionedPanel({ job, title }) {
  return (
    <section className="panel card success-panel" aria-label="Provisioned">
      <h2 className="card__title">{title}</h2>
      {job.service_id ? <JobService serviceId={job.service_id} /> : <NewestServiceOfProduct job={job} />}
    </section>
  );
}
