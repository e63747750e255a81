import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import { template } from './testData';

afterEach(restoreApi);

const TEST_SIM = template({ inventory_template_id: 4, item: 'Test SIM', wholesale_cost: 2.5, retail_cost: 10 });
const CSV = 'ICCID,IMSI\n8944001,2340001\n8944001,2340002\n\n8944003,2340003\n';

async function renderImport(routes = {}) {
  saveSession(loginBody());
  const requests = mockApi({ 'GET /crm/inventory/template/': [200, page([template(), TEST_SIM])], ...routes });
  render(
    <MemoryRouter initialEntries={['/inventory/import']}>
      <App />
    </MemoryRouter>,
  );
  const user = userEvent.setup();
  const select = await screen.findByLabelText('Template');
  await waitFor(() => expect(within(select).getByRole('option', { name: 'Test SIM' })).toBeInTheDocument());
  await user.selectOptions(select, 'Test SIM');
  return { user, requests };
}

async function paste(user, text) {
  const box = screen.getByLabelText('Paste CSV');
  await user.clear(box);
  await user.click(box);
  await user.paste(text);
}

const bulkPuts = (requests) => requests.filter((request) => request.key === 'PUT /crm/inventory/bulk');

describe('bulk import', () => {
  it('previews the first rows under the template labels, with their CSV lines', async () => {
    const { user } = await renderImport();
    expect(screen.getByText('ICCID,IMSI')).toBeInTheDocument();
    await paste(user, CSV);
    await user.click(screen.getByRole('button', { name: 'Check CSV' }));
    const preview = within(await screen.findByRole('table', { name: 'Preview of the first rows' }));
    expect(preview.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['CSV line', 'ICCID', 'IMSI']);
    const cells = (row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(preview.getAllByRole('row').slice(1).map(cells)).toEqual([
      ['2', '8944001', '2340001'],
      ['3', '8944001', '2340002'],
      ['5', '8944003', '2340003'],
    ]);
    expect(screen.getByRole('button', { name: 'Import 3 items' })).toBeEnabled();
  });

  it('stops on what the browser can check, sending nothing', async () => {
    const { user, requests } = await renderImport();
    await paste(user, 'ICCID,IMSI,Colour\n1,2,red\n');
    await user.click(screen.getByRole('button', { name: 'Check CSV' }));
    const report = within(await screen.findByTestId('import-report'));
    expect(report.getByText('The CSV has errors: nothing has been sent.')).toBeInTheDocument();
    expect(report.getByText(/Unknown column "Colour"/)).toBeInTheDocument();

    await paste(user, 'ICCID,IMSI\n1,2\n,3\n');
    await user.click(screen.getByRole('button', { name: 'Check CSV' }));
    const rows = within(await screen.findByTestId('import-report')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Line 3ICCID (itemtext1)required');
    expect(screen.queryByRole('button', { name: /^Import/ })).not.toBeInTheDocument();
    expect(bulkPuts(requests)).toHaveLength(0);
  });

  it('shows upload progress, then maps the refused rows to CSV lines and says nothing was imported', async () => {
    let answer;
    const { user, requests } = await renderImport({
      'PUT /crm/inventory/bulk': (request) => {
        request.config.onUploadProgress({ loaded: 40, total: 100 });
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    });
    await paste(user, CSV);
    await user.click(screen.getByRole('button', { name: 'Check CSV' }));
    await user.click(await screen.findByRole('button', { name: 'Import 3 items' }));

    const progress = await screen.findByRole('progressbar', { name: 'Uploading' });
    expect(progress).toHaveAttribute('value', '40');
    answer([
      400,
      {
        message: '1 of 3 rows are invalid: nothing was imported',
        errors: { 'items[1].itemtext1': 'duplicate in this import' },
      },
    ]);

    const report = within(await screen.findByTestId('import-report'));
    expect(report.getByText('Nothing was imported.')).toBeInTheDocument();
    expect(report.getAllByRole('row')[1]).toHaveTextContent('Line 3ICCID (itemtext1)duplicate in this import');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Import/ })).not.toBeInTheDocument();
    expect(bulkPuts(requests)[0].body).toEqual({
      inventory_template_id: 4,
      defaults: { item_state: 'New', wholesale_cost: '2.50', retail_cost: '10.00' },
      items: [
        { itemtext1: '8944001', itemtext2: '2340001' },
        { itemtext1: '8944001', itemtext2: '2340002' },
        { itemtext1: '8944003', itemtext2: '2340003' },
      ],
    });
  });

  it('imports the rows with the chosen defaults and says how many were created', async () => {
    const { user, requests } = await renderImport({
      'PUT /crm/inventory/bulk': (request) => [
        200,
        { created: request.body.items.length, inventory_ids: request.body.items.map((_, n) => 100 + n) },
      ],
    });
    await user.selectOptions(screen.getByLabelText('State of the new items'), 'In Transit');
    await user.type(screen.getByLabelText('Location'), 'Store 9');
    await paste(user, 'itemtext1;itemtext3\n"8944,01";eSIM\n8944002;eSIM\n');
    await user.click(screen.getByRole('button', { name: 'Check CSV' }));
    await user.click(await screen.findByRole('button', { name: 'Import 2 items' }));
    expect(await screen.findByText(/2 items were imported/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the Test SIM items' })).toHaveAttribute(
      'href',
      '/inventory?template=4',
    );
    expect(screen.getByLabelText('Paste CSV')).toHaveValue('');
    expect(bulkPuts(requests)[0].body).toMatchObject({
      defaults: { item_state: 'In Transit', item_location: 'Store 9' },
      items: [
        { itemtext1: '8944,01', itemtext3: 'eSIM' },
        { itemtext1: '8944002', itemtext3: 'eSIM' },
      ],
    });
  });

  it('reads an uploaded CSV file into the form', async () => {
    const { user } = await renderImport();
    const file = new File(['ICCID\n8944777\n'], 'sims.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Upload CSV file'), file);
    await waitFor(() => expect(screen.getByLabelText('Paste CSV')).toHaveValue('ICCID\n8944777\n'));
  });
});
