import { useState } from 'react';
import useRecords from '../useRecords';
import Pagination from './Pagination';
import RecordsTable from './RecordsTable';

// A read-only RecordsTable over a paginated list (GET `url` with `params`, answered {data,
// pagination}), `perPage` rows a page with Previous / Next. renderRow(row, index) draws a <tr>.
export default function PagedRecordsTable({ url, params, perPage = 20, columns, renderRow, emptyText, itemName }) {
  const [page, setPage] = useState(1);
  const { records: result, error } = useRecords(url, { ...params, page, per_page: perPage });
  return (
    <>
      <RecordsTable
        error={error}
        columns={columns}
        showActions={false}
        records={result?.data}
        emptyText={emptyText}
        renderRow={renderRow}
      />
      <Pagination pagination={result?.pagination} onPage={setPage} itemName={itemName} />
    </>
  );
}
