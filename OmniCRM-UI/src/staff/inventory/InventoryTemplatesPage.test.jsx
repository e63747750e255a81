import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../App';
import { saveSession } from '../../shared/session';
import { loginBody, mockApi, restoreApi } from '../../test/mockApi';
import { page } from '../customers/testData';
import { product } from '../products/testData';
import { template } from './testData';

afterEach(restoreApi);

const SIM = template({ itemtext3_label: 'SIM Type' });
const NUMBER = template({
  inventory_template_id: 2,
  item: 'Mobile Number',
  itemtext1_label: 'Phone Number',
  itemtext2_label: 'Region',
});

function renderTemplates(routes = {}, session = loginBody()) {
  saveSession(session);
  const requests = mockApi({
    'GET /crm/inventory/template/': [200, page([SIM, NUMBER])],
    'GET /crm/inventory/template/inventory_template_id/1': [200, { ...SIM, item_count: 5 }],
    'GET /crm/inventory/template/inventory_template_id/2': [200, { ...NUMBER, item_count: 0 }],
    'GET /crm/product/paginated': [
      200,
      page([
        product({ inventory_items: ['SIM Card'] }),
        product({ product_id: 2, product_name: 'Data only', inventory_items: ['Mobile Number'] }),
      ]),
    ],
    ...routes,
  });
  render(
    <MemoryRouter initialEntries={['/inventory/templates']}>
      <App />
    </MemoryRouter>,
  );
  return requests;
}

const rowOf = async (name) => within((await screen.findByText(name, { selector: 'strong' })).closest('tr'));

describe('inventory templates', () => {
  it('lists templates with their labels, field count, dropdown flags and item counts', async () => {
    renderTemplates();
    const sim = await rowOf('SIM Card');
    expect(sim.getByText('ICCID')).toBeInTheDocument();
    expect(sim.getByText('IMSI')).toBeInTheDocument();
    expect(sim.getByText('3')).toBeInTheDocument();
    expect(await sim.findByRole('link', { name: '5' })).toHaveAttribute('href', '/inventory?template=1');
    expect(await (await rowOf('Mobile Number')).findByRole('link', { name: '0' })).toBeInTheDocument();
  });

  it('creates a template with labels added row by row; blank and removed rows go as null', async () => {
    const user = userEvent.setup();
    const requests = renderTemplates({
      'PUT /crm/inventory/template/': (request) => [200, template({ ...request.body, inventory_template_id: 3 })],
    });
    await user.click(await screen.findByRole('button', { name: 'Add Template' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add Template' }));
    expect(dialog.getByLabelText('Field 1 label')).toHaveValue('Model Number');
    await user.type(dialog.getByLabelText('Item'), 'Test SIM');
    const label = async (number, text) => {
      await user.clear(dialog.getByLabelText(`Field ${number} label`));
      if (text) await user.type(dialog.getByLabelText(`Field ${number} label`), text);
    };
    await label(1, 'ICCID');
    await label(2, 'IMSI');
    await user.click(dialog.getByRole('button', { name: 'Add field' }));
    await user.click(dialog.getByRole('button', { name: 'Add field' }));
    await user.click(dialog.getByRole('button', { name: 'Add field' }));
    expect(dialog.getByText('5 of 20 fields')).toBeInTheDocument();
    await label(4, 'PUK');
    await label(5, 'Gone');
    await user.click(dialog.getByRole('button', { name: 'Remove field 5' }));
    expect(dialog.queryByLabelText('Field 5 label')).not.toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: 'Remove field 3' })).not.toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Save Template' }));

    expect(await screen.findByText('Test SIM has been saved.')).toBeInTheDocument();
    const body = requests.find((request) => request.key === 'PUT /crm/inventory/template/').body;
    expect(body).toMatchObject({
      item: 'Test SIM',
      itemtext1_label: 'ICCID',
      itemtext2_label: 'IMSI',
      itemtext3_label: null,
      itemtext4_label: 'PUK',
      itemtext5_label: null,
      itemtext20_label: null,
      allow_staff_dropdown: true,
      allow_customer_dropdown: false,
    });
  });

  it('stops at 20 fields and requires labels 1 and 2', async () => {
    const user = userEvent.setup();
    const requests = renderTemplates();
    await user.click(await screen.findByRole('button', { name: 'Add Template' }));
    const dialog = within(screen.getByRole('dialog'));
    for (let count = 2; count < 20; count += 1) await user.click(dialog.getByRole('button', { name: 'Add field' }));
    expect(dialog.getByRole('button', { name: 'Add field' })).toBeDisabled();
    expect(dialog.getByLabelText('Field 20 label')).toBeInTheDocument();
    await user.type(dialog.getByLabelText('Item'), 'X');
    await user.clear(dialog.getByLabelText('Field 2 label'));
    await user.click(dialog.getByRole('button', { name: 'Save Template' }));
    expect(await dialog.findByText('Some fields need attention before saving.')).toBeInTheDocument();
    expect(dialog.getByLabelText('Field 2 label')).toHaveAttribute('aria-invalid', 'true');
    expect(requests.some((request) => request.key.startsWith('PUT'))).toBe(false);
  });

  it('warns before a rename with the products naming the template, and shows the API warning after', async () => {
    const user = userEvent.setup();
    const requests = renderTemplates({
      'PATCH /crm/inventory/template/inventory_template_id/2': (request) => [
        200,
        {
          ...NUMBER,
          ...request.body,
          warnings: ["Template renamed; products still referencing 'Mobile Number' must be updated"],
        },
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Edit Mobile Number' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Mobile Number' }));
    expect(dialog.getByLabelText('Field 2 label')).toHaveValue('Region');
    expect(dialog.queryByText(/Renaming breaks the link/)).not.toBeInTheDocument();
    await user.type(dialog.getByLabelText('Item'), 's');
    expect(dialog.getByText(/Renaming breaks the link/)).toBeInTheDocument();
    const naming = await dialog.findByRole('list', { name: 'Products naming this template' });
    expect(
      within(naming)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Data only (#2)']);
    await user.click(dialog.getByRole('button', { name: 'Save Changes' }));

    const notice = await screen.findByText('Mobile Numbers has been saved.');
    expect(notice.closest('.alert')).toHaveClass('alert--warning');
    expect(notice.closest('.alert')).toHaveTextContent("products still referencing 'Mobile Number' must be updated");
    expect(requests.find((request) => request.key.startsWith('PATCH')).body.item).toBe('Mobile Numbers');
  });

  it("shows the API's 409 when a template in use is deleted", async () => {
    const user = userEvent.setup();
    renderTemplates({
      'DELETE /crm/inventory/template/inventory_template_id/1': [409, { message: 'Inventory items use this template' }],
    });
    await user.click(await screen.findByRole('button', { name: 'Delete SIM Card' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete template' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent('Inventory items use this template'),
    );
  });

  it('hides add, edit and delete without their permissions', async () => {
    renderTemplates({}, loginBody({ permissions: ['view_inventory_template'] }));
    await rowOf('SIM Card');
    expect(screen.queryByRole('button', { name: 'Add Template' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) / })).not.toBeInTheDocument();
  });
});
