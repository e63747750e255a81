import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import ListTable from '../../shared/ui/ListTable';
import Page from '../../shared/ui/Page';
import PageSizeSelect from '../../shared/ui/PageSizeSelect';
import Pagination from '../../shared/ui/Pagination';
import SearchBox from '../../shared/ui/SearchBox';
import { nextSort } from '../../shared/ui/SortHeader';
import Tabs from '../../shared/ui/Tabs';
import useDebounced from '../../shared/useDebounced';
import usePolling from '../../shared/usePolling';
import { formatDuration, isRunning, jobDurationMs, STATUS_FILTERS } from './jobStatus';
import JobStatusBadge from './JobStatusBadge';
import ProvisionDialog from './ProvisionDialog';

const PAGE_SIZES = [20, 50, 100];

// `sort` is the API's sort key of the sortable columns.
const COLUMNS = [
  { label: 'ID', sort: 'provision_id' },
  { label: 'Created', sort: 'created' },
  { label: 'Customer', sort: 'customer_id' },
  { label: 'Product', sort: 'product_id' },
  { label: 'Playbook', sort: 'provisioning_play' },
  { label: 'Initiated by' },
  { label: 'Status', sort: 'provisioning_status' },
  { label: 'Duration' },
];

const when = (value) => formatDateTime(value, { locale: config.locale });

// Provisioning (spec 04 UI "Recent Provisioning Events"): every job, newest first, with a status
// filter, search, sorting and paging; refreshed every few seconds while a job on the page runs.
export default function ProvisioningPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search);
  const [status, setStatus] = useState(null);
  const [sort, setSort] = useState({ sort: 'provision_id', order: 'desc' });
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(20);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const [provisioning, setProvisioning] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await api.get('/crm/provision/', {
        params: {
          page,
          per_page: perPage,
          ...sort,
          search: settledSearch.trim() || undefined,
          filters: status === null ? undefined : JSON.stringify({ provisioning_status: [status] }),
        },
      });
      setResult(data);
      setError('');
    } catch (failure) {
      setError(failure.message);
    }
  }, [page, perPage, sort, settledSearch, status]);

  useEffect(() => {
    load();
  }, [load]);

  usePolling(load, config.provisionPollMs, Boolean(result?.data.some(isRunning)));

  const refine = (change) => {
    change();
    setPage(1);
  };

  const changeSort = (key) => refine(() => setSort((current) => nextSort(current, key)));

  const open = (job) => navigate(`/provisioning/${job.provision_id}`);
  const stop = (event) => event.stopPropagation();

  return (
    <Page title="Provisioning">
      <div className="stack">
        <div className="toolbar">
          <Tabs
            label="Job status"
            options={STATUS_FILTERS}
            value={status}
            onChange={(value) => refine(() => setStatus(value))}
          />
          <SearchBox
            label="Search jobs"
            placeholder="Search playbook or customer"
            value={search}
            onChange={(text) => refine(() => setSearch(text))}
          />
          <PageSizeSelect
            label="Jobs per page"
            sizes={PAGE_SIZES}
            value={perPage}
            onChange={(size) => refine(() => setPerPage(size))}
          />
          {can('create_provision', session) && (
            <div className="toolbar__end">
              <button type="button" className="button button--primary" onClick={() => setProvisioning(true)}>
                Provision a product
              </button>
            </div>
          )}
        </div>
        {error && <Alert>{error}</Alert>}
        <ListTable
          label="Provisioning jobs"
          compact
          columns={COLUMNS}
          sort={sort}
          onSort={changeSort}
          withActions={false}
          empty={result?.data.length === 0}
          emptyText="No provisioning jobs found"
        >
          {result?.data.map((job) => (
            <tr key={job.provision_id} className="table__row--link" onClick={() => open(job)}>
              <td>
                <Link to={`/provisioning/${job.provision_id}`} onClick={stop} aria-label={`Job ${job.provision_id}`}>
                  #{job.provision_id}
                </Link>
                {job.retry_of_provision_id && <p className="table__note">retry of #{job.retry_of_provision_id}</p>}
              </td>
              <td className="table__nowrap">{when(job.created)}</td>
              <td>
                {job.customer_id ? (
                  <Link to={`/customers/${job.customer_id}`} onClick={stop}>
                    {job.customer_name ?? `Customer ${job.customer_id}`}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>{job.product_name ?? (job.product_id ? `Product ${job.product_id}` : '—')}</td>
              <td>
                {job.playbook_description ?? job.provisioning_play}
                <p className="table__note">
                  <code className="table__code">{job.provisioning_play}</code>
                </p>
              </td>
              <td>{job.initiating_user_name ?? '—'}</td>
              <td className="job-status-cell">
                <JobStatusBadge job={job} withProgress />
              </td>
              <td className="table__nowrap">{formatDuration(jobDurationMs(job))}</td>
            </tr>
          ))}
        </ListTable>
        <Pagination pagination={result?.pagination} onPage={setPage} itemName="jobs" />
      </div>
      {provisioning && <ProvisionDialog onClose={() => setProvisioning(false)} />}
    </Page>
  );
}
