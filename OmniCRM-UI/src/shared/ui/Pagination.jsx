// Previous / Next over a paginated envelope's `pagination` object.
export default function Pagination({ pagination, onPage, itemName = 'items' }) {
  if (!pagination) return null;
  const { current_page: page, total_pages: pages, total_items: total } = pagination;
  return (
    <nav className="pagination" aria-label="Pagination">
      <button
        type="button"
        className="button button--outline"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span>
        Page {page} of {Math.max(pages, 1)} ({total} {itemName})
      </span>
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
