import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from './Page';

export default function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <main className="not-found">
      <p className="not-found__code">404</p>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <Link className="button button--primary" to="/">
        Go to the dashboard
      </Link>
    </main>
  );
}
