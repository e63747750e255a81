import { describe, expect, it, vi } from 'vitest';
import { describeField, mapColumns, parseCsv, prepareImport, rowErrorsFromApi } from './csvImport';

const SIM = {
  inventory_template_id: 3,
  item: 'Test SIM',
  itemtext1_label: 'ICCID',
  itemtext2_label: 'IMSI',
  itemtext3_label: null,
};

describe('CSV parsing', () => {
  it('reads quoted values with separators, doubled quotes and line breaks, and numbers the lines', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,end\n');
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x, y', 'say "hi"', 'two\nlines'], line: 2 },
      { fields: ['last', '', 'end'], line: 5 },
    ]);
  });

  it('detects semicolon and tab separators and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFICCID;IMSI\n1;2')).toEqual([
      { fields: ['ICCID', 'IMSI'], line: 1 },
      { fields: ['1', '2'], line: 2 },
    ]);
    expect(parseCsv('ICCID\tIMSI\n1\t2')[1].fields).toEqual(['1', '2']);
  });

  it('names the line of a quote never closed', () => {
    expect(() => parseCsv('ICCID\n1\n"2\n3')).toThrow(/Line 3/);
  });
});

describe('header mapping', () => {
  it('maps labels (any case) and itemtextN names to field numbers', () => {
    expect(mapColumns(['iccid', 'ItemText2', 'itemtext5'], SIM)).toEqual({ columns: [1, 2, 5], problems: [] });
  });

  it('refuses unknown columns, a field filled twice and a missing itemtext1', () => {
    const { problems } = mapColumns(['IMSI', 'itemtext2', 'Colour', 'itemtext21'], SIM);
    expect(problems).toEqual([
      'Unknown column "Colour": use itemtext1 … itemtext20 or the template\'s labels',
      'Unknown column "itemtext21": use itemtext1 … itemtext20 or the template\'s labels',
      'Two columns fill IMSI (itemtext2)',
      'The header needs a ICCID (itemtext1) column',
    ]);
  });
});

describe('preparing an import', () => {
  it('turns the rows into bulk items and remembers the line of each', async () => {
    const csv = 'ICCID,IMSI\n8944001,2340001\n\n8944002,\n"8944003",2340003\n';
    const prepared = await prepareImport(csv, SIM);
    expect(prepared.problems).toEqual([]);
    expect(prepared.rowErrors).toEqual([]);
    expect(prepared.items).toEqual([
      { itemtext1: '8944001', itemtext2: '2340001' },
      { itemtext1: '8944002' },
      { itemtext1: '8944003', itemtext2: '2340003' },
    ]);
    expect(prepared.lines).toEqual([2, 4, 5]);
  });

  it('reports rows without itemtext1, with the wrong number of values or too long a value', async () => {
    const csv = `ICCID,IMSI\n,2340001\n8944002\n8944003,${'9'.repeat(256)}\n`;
    const { rowErrors } = await prepareImport(csv, SIM);
    expect(rowErrors).toEqual([
      { line: 2, field: 'itemtext1', reason: 'required' },
      { line: 3, field: 'row', reason: 'has 1 values, the header has 2' },
      { line: 4, field: 'itemtext2', reason: 'at most 255 characters' },
    ]);
  });

  it('leaves duplicates to the API, which knows the stock and the uniqueness setting', async () => {
    const { rowErrors, items } = await prepareImport('ICCID\n1\n1\n', SIM);
    expect(rowErrors).toEqual([]);
    expect(items).toHaveLength(2);
  });

  it('refuses an empty file, a header alone and more than 5000 rows', async () => {
    expect((await prepareImport('', SIM)).problems[0]).toMatch(/empty/);
    expect((await prepareImport('ICCID\n', SIM)).problems[0]).toMatch(/no items/);
    const big = `ICCID\n${Array.from({ length: 5001 }, (_, n) => n).join('\n')}`;
    expect((await prepareImport(big, SIM, { chunk: 1000 })).problems[0]).toMatch(/5001 items: at most 5000/);
  });

  it('reports progress up to 1 as it goes', async () => {
    const onProgress = vi.fn();
    const csv = `ICCID\n${Array.from({ length: 600 }, (_, n) => `89${n}`).join('\n')}`;
    await prepareImport(csv, SIM, { onProgress, chunk: 200 });
    const values = onProgress.mock.calls.map(([value]) => value);
    expect(values.length).toBeGreaterThanOrEqual(4);
    expect(values.at(-1)).toBe(1);
    expect(values.slice(0, -1).every((value) => value > 0 && value < 1)).toBe(true);
  });
});

describe("the API's row errors", () => {
  it('maps items[N].field to the CSV line of row N, in line order', () => {
    const lines = [2, 4, 5, 9];
    const { rows, other } = rowErrorsFromApi(
      {
        'items[3].itemtext1': 'duplicate in this import',
        'items[0].item_state': 'must be one of New, …',
        'items[2].row': 'Items in stock cannot be assigned',
        items: 'a list of 1 to 5000 items',
        'items[7].itemtext1': 'required',
      },
      lines,
    );
    expect(rows).toEqual([
      { line: 2, field: 'item_state', reason: 'must be one of New, …' },
      { line: 5, field: 'row', reason: 'Items in stock cannot be assigned' },
      { line: 9, field: 'itemtext1', reason: 'duplicate in this import' },
    ]);
    expect(other).toEqual([
      { field: 'items', reason: 'a list of 1 to 5000 items' },
      { field: 'items[7].itemtext1', reason: 'required' },
    ]);
  });

  it('names item fields by their template label', () => {
    expect(describeField('itemtext2', SIM)).toBe('IMSI (itemtext2)');
    expect(describeField('itemtext3', SIM)).toBe('Item Text 3 (itemtext3)');
    expect(describeField('row', SIM)).toBe('Row');
    expect(describeField('item_state', SIM)).toBe('item_state');
  });
});
