import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { isTyping } from '../../shared/keyboard';
import Alert from '../../shared/ui/Alert';
import EmptyState from '../../shared/ui/EmptyState';
import Page from '../../shared/ui/Page';
import { HIT_GROUPS, hitTarget, pageWindow, resultsSummary } from './searchHits';

const PER_PAGE = 10;

// The big search box; the checkbox counts from the next search.
function SearchForm({ initialText, initialClosed, onSearch }) {
  const [text, setText] = useState(initialText);
  const [includeClosed, setIncludeClosed] = useState(initialClosed);
  return (
    <form
      className="search-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSearch(text.trim(), includeClosed);
      }}
    >
      <input
        type="search"
        className="search-form__input"
        aria-label="Search for"
        placeholder="Name, e-mail, phone number, site…"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--primary">
        Search
      </button>
      <label className="checkbox">
        <input type="checkbox" checked={includeClosed} onChange={(event) => setIncludeClosed(event.target.checked)} />
        Include Closed Accounts
      </label>
    </form>
  );
}

function Hit({ hit }) {
  const target = hitTarget(hit);
  const name = hit.name || '(no name)';
  return (
    <li className="search-results__hit">
      {target ? (
        <Link to={target.to} state={target.state}>
          {name}
        </Link>
      ) : (
        name
      )}
      <span className="search-results__meta">
        {' · '}Customer ID: {hit.customer_id ?? '—'} · Type: {hit.type}
      </span>
    </li>
  );
}

function SearchPagination({ pagination, onPage }) {
  const { current_page: page, total_pages: pages } = pagination;
  return (
    <nav className="pagination" aria-label="Search results pages">
      <button type="button" className="button button--outline" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      {pageWindow(page, pages).map((number) => (
        <button
          key={number}
          type="button"
          className={`button ${number === page ? 'button--primary' : 'button--outline'}`}
          aria-current={number === page ? 'page' : undefined}
          aria-label={`Page ${number}`}
          onClick={() => onPage(number)}
        >
          {number}
        </button>
      ))}
      <button
        type="button"
        className="button button--outline"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}

// Global Search (spec 05): /search?q=…&page=…&closed=true. Results come grouped by type; the
// Left/Right arrow keys page through them when the cursor is not in a form control.
export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const page = Math.max(1, Number.parseInt(params.get('page'), 10) || 1);
  const closed = params.get('closed') === 'true';
  const query = `${q}|${page}|${closed}`;
  // The answer to the query in the address; an answer to an earlier one is not shown.
  const [answer, setAnswer] = useState(null);

  useEffect(() => {
    if (!q) return;
    api
      .get('/utilities/search_everything', {
        params: { search: q, page, per_page: PER_PAGE, search_closed_records: closed },
      })
      .then(({ data }) => setAnswer({ query, data }))
      .catch((failure) => setAnswer({ query, error: failure.message }));
  }, [q, page, closed, query]);

  const search = (term, includeClosed, toPage = 1) =>
    setParams({
      q: term,
      ...(toPage > 1 ? { page: String(toPage) } : {}),
      ...(includeClosed ? { closed: 'true' } : {}),
    });
  const goTo = (toPage) => search(q, closed, toPage);
  const current = q && answer?.query === query ? answer : null;
  const result = current?.data;
  const pages = result?.pagination.total_pages ?? 0;

  useEffect(() => {
    const pageWithArrows = (event) => {
      if (isTyping(event.target)) return;
      if (event.key === 'ArrowLeft' && page > 1) search(q, closed, page - 1);
      if (event.key === 'ArrowRight' && page < pages) search(q, closed, page + 1);
    };
    document.addEventListener('keydown', pageWithArrows);
    return () => document.removeEventListener('keydown', pageWithArrows);
  });

  return (
    <Page title="Search">
      <div className="stack">
        <SearchForm key={`${q}|${closed}`} initialText={q} initialClosed={closed} onSearch={search} />
        {!q && (
          <p className="form__hint">Find customers, contacts and sites by part of a name, e-mail or phone number.</p>
        )}
        {current?.error && <Alert>{current.error}</Alert>}
        {result?.pagination.total_items === 0 && (
          <EmptyState title="No results found">
            Try part of a name, a phone number or an e-mail address, or include closed accounts.
          </EmptyState>
        )}
        {result?.pagination.total_items > 0 && (
          <>
            <p className="search-summary" data-testid="search-summary">
              {resultsSummary(result.pagination, result.data.length)}
            </p>
            {HIT_GROUPS.map(([type, label]) => {
              const hits = result.data.filter((hit) => hit.type === type);
              if (hits.length === 0) return null;
              return (
                <section className="panel card" key={type} aria-labelledby={`search-${type}`}>
                  <h2 id={`search-${type}`}>{label}</h2>
                  <ul className="search-results">
                    {hits.map((hit) => (
                      <Hit key={`${hit.type}-${hit.id}`} hit={hit} />
                    ))}
                  </ul>
                </section>
              );
            })}
            <SearchPagination pagination={result.pagination} onPage={goTo} />
          </>
        )}
      </div>
    </Page>
  );
}
