import { Link } from 'react-router-dom';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';

export default function CustomersPage() {
  return (
    <Page title="Customers">
      <EmptyState
        title="No customers yet"
        action={
          <Link className="button button--primary" to="/customers/new">
            Create Customer
          </Link>
        }
      >
        Customers you create appear here.
      </EmptyState>
    </Page>
  );
}
