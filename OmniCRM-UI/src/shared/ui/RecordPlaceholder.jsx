import { Link } from 'react-router-dom';
import Alert from './Alert';
import EmptyState from './EmptyState';
import Page from './Page';

// The page of record `id` (a "Service", a "Customer"…: `what`) while it is not shown: "… not
// found" with the way back to the `list` page when the API answers 404, else the load failure or
// "Loading…".
export default function RecordPlaceholder({ what, id, failure, list }) {
  if (failure?.status === 404) {
    return (
      <Page title={`${what} not found`}>
        <EmptyState
          title={`${what} not found`}
          action={
            <Link className="button button--primary" to={list}>
              Back to the list
            </Link>
          }
        >
          There is no {what.toLowerCase()} {id}.
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page title={`${what} ${id}`}>
      {failure ? <Alert>{failure.message}</Alert> : <p className="page-loading">Loading…</p>}
    </Page>
  );
}
