import PagedRecordsTable from '../../shared/ui/PagedRecordsTable';
import { day, money } from './display';

const COLUMNS = ['Date', 'Title', 'Amount', 'Tax', 'Invoice'];

// Transactions: the ledger rows of the service (setup costs, charges, credits), newest first.
export default function TransactionsTab({ service }) {
  return (
    <PagedRecordsTable
      url="/crm/transaction/"
      params={{ filters: JSON.stringify({ service_id: [service.service_id] }) }}
      columns={COLUMNS}
      emptyText="No transactions for this service"
      itemName="transactions"
      renderRow={(transaction) => (
        <tr key={transaction.transaction_id}>
          <td className="table__nowrap">{day(transaction.created)}</td>
          <td>
            {transaction.title}
            {transaction.description && <p className="table__note">{transaction.description}</p>}
          </td>
          <td className="table__number">{money(transaction.retail_cost)}</td>
          <td className="table__number">{money(transaction.tax_amount)}</td>
          <td>{transaction.invoice_id ? `#${transaction.invoice_id}` : 'Not invoiced'}</td>
        </tr>
      )}
    />
  );
}
