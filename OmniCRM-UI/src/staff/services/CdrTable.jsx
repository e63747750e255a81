import { useState } from 'react';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import { downloadText } from '../../shared/ui/download';
import PagedRecordsTable from '../../shared/ui/PagedRecordsTable';
import { money, when } from './display';

const COLUMNS = ['Time', 'Destination', 'Type', 'Category', 'Usage', 'Cost'];

// The service's usage records from the OCS, newest first, a page at a time, and the CSV export.
export default function CdrTable({ serviceId }) {
  const [exportError, setExportError] = useState('');

  async function exportCsv() {
    setExportError('');
    try {
      const { data } = await api.get(`/crm/service/${serviceId}/cdrs/export`, { responseType: 'text' });
      downloadText(`service-${serviceId}-usage.csv`, data, 'text/csv');
    } catch (failure) {
      setExportError(failure.message);
    }
  }

  return (
    <section className="stack" aria-label="Usage records">
      <div className="toolbar">
        <h2 className="card__title">Usage records</h2>
        <div className="toolbar__end">
          <button type="button" className="button button--outline" onClick={exportCsv}>
            Export CSV
          </button>
        </div>
      </div>
      {exportError && <Alert>{exportError}</Alert>}
      <PagedRecordsTable
        url={`/crm/service/${serviceId}/cdrs`}
        columns={COLUMNS}
        emptyText="No usage records"
        itemName="records"
        renderRow={(cdr, index) => (
          <tr key={`${cdr.setup_time}-${index}`}>
            <td className="table__nowrap">{when(cdr.setup_time)}</td>
            <td>{cdr.destination}</td>
            <td>{cdr.tor}</td>
            <td>{cdr.category}</td>
            <td>{cdr.usage_hr ?? cdr.usage}</td>
            <td className="table__number">{money(cdr.cost)}</td>
          </tr>
        )}
      />
    </section>
  );
}
