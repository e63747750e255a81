import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loginBody, restoreApi } from '../../test/mockApi';
import { current, renderApp } from '../../test/renderApp';
import { hitTarget, pageWindow } from './searchHits';

afterEach(restoreApi);

const HITS = [
  { id: 123, name: 'John Smith', customer_id: 123, type: 'customer' },
  { id: 4, name: 'John Smith', customer_id: 123, type: 'contact' },
  { id: 9, name: 'Smith Farm', customer_id: 123, type: 'site' },
];

// Answers 47 matches, 10 a page; `data` on every page is HITS.
function renderSearch(
  entry,
  answer = (request) => [
    200,
    {
      data: HITS,
      pagination: { current_page: request.params.page, per_page: 10, total_pages: 5, total_items: 47 },
    },
  ],
) {
  return renderApp(entry, { 'GET /utilities/search_everything': answer }, loginBody());
}

const searches = (requests) => requests.filter((request) => request.key === 'GET /utilities/search_everything');

describe('search page', () => {
  it('asks for the page in the address and says which results are shown', async () => {
    const requests = renderSearch('/search?q=smith&page=2');
    expect(await screen.findByTestId('search-summary')).toHaveTextContent('Showing results 11–13 of 47');
    expect(searches(requests)[0].params).toEqual({
      search: 'smith',
      page: 2,
      per_page: 10,
      search_closed_records: false,
    });
    expect(screen.getByRole('searchbox', { name: 'Search for' })).toHaveValue('smith');
    expect(screen.getByRole('button', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  });

  it('groups the hits by type and links each to its customer tab', async () => {
    renderSearch('/search?q=smith');
    const customers = within(await screen.findByRole('region', { name: 'Customers' }));
    const contacts = within(screen.getByRole('region', { name: 'Contacts' }));
    const sites = within(screen.getByRole('region', { name: 'Sites' }));
    expect(customers.getByRole('link', { name: 'John Smith' })).toHaveAttribute('href', '/customers/123');
    expect(contacts.getByRole('link', { name: 'John Smith' })).toHaveAttribute('href', '/customers/123#4');
    expect(sites.getByRole('link', { name: 'Smith Farm' })).toHaveAttribute('href', '/customers/123#2');
    expect(contacts.getByRole('listitem')).toHaveTextContent('John Smith · Customer ID: 123 · Type: contact');
  });

  it('links a service hit to the service page', async () => {
    const user = userEvent.setup();
    renderSearch('/search?q=0770', () => [
      200,
      {
        data: [{ id: 5, name: 'Mobile 20GB - 07700 900123', customer_id: 123, type: 'service' }],
        pagination: { current_page: 1, per_page: 10, total_pages: 1, total_items: 1 },
      },
    ]);
    const services = within(await screen.findByRole('region', { name: 'Services' }));
    const link = services.getByRole('link', { name: 'Mobile 20GB - 07700 900123' });
    expect(link).toHaveAttribute('href', '/services/5');
    await user.click(link);
    expect(current.location.pathname).toBe('/services/5');
  });

  it('pages with Previous / Next and the arrow keys, but not while typing', async () => {
    const user = userEvent.setup();
    const requests = renderSearch('/search?q=smith&page=2');
    await screen.findByText('Showing results 11–13 of 47');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Showing results 21–23 of 47');
    expect(current.location.search).toBe('?q=smith&page=3');

    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    await screen.findByText('Showing results 11–13 of 47');
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    await screen.findByText('Showing results 1–3 of 47');
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search for' }), { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(current.location.search).toBe('?q=smith');
    expect(searches(requests).map((request) => request.params.page)).toEqual([2, 3, 2, 1]);
  });

  it('counts the Include Closed Accounts box from the next search', async () => {
    const user = userEvent.setup();
    const requests = renderSearch('/search?q=smith');
    await screen.findByTestId('search-summary');
    await user.click(screen.getByRole('checkbox', { name: 'Include Closed Accounts' }));
    expect(searches(requests)).toHaveLength(1);
    const box = screen.getByRole('searchbox', { name: 'Search for' });
    await user.clear(box);
    await user.type(box, 'acme{Enter}');
    await waitFor(() => expect(searches(requests)).toHaveLength(2));
    expect(searches(requests)[1].params).toEqual({
      search: 'acme',
      page: 1,
      per_page: 10,
      search_closed_records: true,
    });
    expect(current.location.search).toBe('?q=acme&closed=true');
  });

  it('says when nothing matches', async () => {
    renderSearch('/search?q=zzz', () => [
      200,
      { data: [], pagination: { current_page: 1, per_page: 10, total_pages: 0, total_items: 0 } },
    ]);
    expect(await screen.findByRole('heading', { name: 'No results found' })).toBeInTheDocument();
    expect(screen.getByText(/include closed accounts/)).toBeInTheDocument();
    expect(screen.queryByTestId('search-summary')).not.toBeInTheDocument();
  });

  it('shows the refusal of a user who may not search', async () => {
    renderSearch('/search?q=smith', () => [403, { message: 'Permission denied: view_customer' }]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Permission denied: view_customer');
  });
});

describe('search hit links', () => {
  it('send services to their page, inventory to its tab, and unassigned stock to the inventory', () => {
    expect(hitTarget({ id: 5, customer_id: 8, type: 'service' })).toEqual({ to: '/services/5' });
    expect(hitTarget({ id: 6, customer_id: 8, type: 'inventory' })).toEqual({ to: '/customers/8#8' });
    expect(hitTarget({ id: 6, customer_id: null, type: 'inventory' })).toEqual({ to: '/inventory' });
    expect(hitTarget({ id: 4, customer_id: 8, type: 'contact' })).toEqual({
      to: '/customers/8#4',
      state: { contactId: 4 },
    });
  });

  it('number at most 7 pages around the current one', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageWindow(10, 20)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(pageWindow(20, 20)).toEqual([14, 15, 16, 17, 18, 19, 20]);
  });
});
