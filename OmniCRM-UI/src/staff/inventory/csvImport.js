// Bulk import of inventory items from CSV (spec 02 §3.6 PUT /crm/inventory/bulk, §7.5): parsing,
// mapping the header to itemtext fields, checks the browser can make, and mapping the API's
// "items[N].field" errors back to lines of the file.
import { FIELD_NUMBERS, fieldLabel, labelKey } from './templateFields';

export const MAX_ROWS = 5000;
const MAX_TEXT = 255;
const DELIMITERS = [',', ';', '\t'];

// The delimiter of the file: the one of , ; or tab found most often in its first line.
function detectDelimiter(text) {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

// The records of a CSV text (RFC 4180: quoted fields may hold delimiters, "" and line breaks), each
// {fields, line} with the 1-based line it starts on. Blank lines are skipped. Throws on an
// unclosed quote, naming its line.
export function* csvRecords(text) {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(source);
  let at = 0;
  let line = 1;
  while (at < source.length) {
    const start = line;
    const fields = [];
    let field = '';
    let quoted = false;
    let ended = false;
    while (at < source.length && !ended) {
      const char = source[at];
      if (quoted) {
        if (char === '"' && source[at + 1] === '"') {
          field += '"';
          at += 2;
        } else if (char === '"') {
          quoted = false;
          at += 1;
        } else {
          if (char === '\n') line += 1;
          field += char;
          at += 1;
        }
      } else if (char === '"' && field.trim() === '') {
        quoted = true;
        field = '';
        at += 1;
      } else if (char === delimiter) {
        fields.push(field);
        field = '';
        at += 1;
      } else if (char === '\r' || char === '\n') {
        at += char === '\r' && source[at + 1] === '\n' ? 2 : 1;
        line += 1;
        ended = true;
      } else {
        field += char;
        at += 1;
      }
    }
    if (quoted) throw new Error(`Line ${start}: a quoted value is never closed`);
    fields.push(field);
    if (fields.some((value) => value.trim() !== '')) yield { fields: fields.map((value) => value.trim()), line: start };
  }
}

export const parseCsv = (text) => [...csvRecords(text)];

// Which itemtext field each header cell fills: "itemtext2" (any case) or one of the template's
// labels ("IMSI", any case). {columns: [number, …], problems: [text, …]}.
export function mapColumns(header, template) {
  const byLabel = new Map(
    FIELD_NUMBERS.filter((number) => template?.[labelKey(number)]).map((number) => [
      template[labelKey(number)].trim().toLowerCase(),
      number,
    ]),
  );
  const problems = [];
  const columns = header.map((cell) => {
    const name = cell.trim();
    const numbered = /^itemtext(\d+)$/i.exec(name);
    const number = numbered ? Number(numbered[1]) : byLabel.get(name.toLowerCase());
    if (!number || number > FIELD_NUMBERS.length) {
      problems.push(
        name
          ? `Unknown column "${name}": use itemtext1 … itemtext20 or the template's labels`
          : 'A column has no name in the header row',
      );
      return null;
    }
    return number;
  });
  columns.forEach((number, index) => {
    if (number && columns.indexOf(number) !== index) {
      problems.push(`Two columns fill ${fieldLabel(template, number)} (itemtext${number})`);
    }
  });
  if (!columns.includes(1)) {
    problems.push(`The header needs a ${fieldLabel(template, 1)} (itemtext1) column`);
  }
  return { columns, problems };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Reads the CSV into the rows of the bulk request, checking what the browser can check (the API
// checks the rest, e.g. itemtext1 already in stock). Reports progress (0..1) as it goes and lets the
// page repaint between chunks. Returns {items, lines, header, columns, problems, rowErrors}:
// `lines[i]` is the file line of items[i]; rowErrors are [{line, field, reason}].
export async function prepareImport(text, template, { onProgress = () => {}, chunk = 250 } = {}) {
  const result = { items: [], lines: [], header: [], columns: [], problems: [], rowErrors: [] };
  const records = csvRecords(text);
  let header;
  try {
    header = records.next().value;
  } catch (failure) {
    result.problems.push(failure.message);
    return result;
  }
  if (!header) {
    result.problems.push('The CSV is empty: give a header row and at least one item');
    return result;
  }
  result.header = header.fields;
  const mapped = mapColumns(header.fields, template);
  result.columns = mapped.columns;
  result.problems.push(...mapped.problems);
  if (mapped.problems.length > 0) return result;

  const rowError = (line, number, reason) =>
    result.rowErrors.push({ line, field: number ? `itemtext${number}` : 'row', reason });
  const estimated = (text.match(/\n/g)?.length ?? 0) + 1;
  try {
    let count = 0;
    for (const { fields, line } of records) {
      count += 1;
      if (fields.length !== mapped.columns.length) {
        rowError(line, null, `has ${fields.length} values, the header has ${mapped.columns.length}`);
      }
      const item = {};
      mapped.columns.forEach((number, index) => {
        const value = fields[index] ?? '';
        if (value.length > MAX_TEXT) rowError(line, number, `at most ${MAX_TEXT} characters`);
        if (value) item[`itemtext${number}`] = value;
      });
      if (!item.itemtext1) rowError(line, 1, 'required');
      result.items.push(item);
      result.lines.push(line);
      if (count % chunk === 0) {
        onProgress(Math.min(0.99, count / estimated));
        await nextTask();
      }
    }
  } catch (failure) {
    result.problems.push(failure.message);
  }
  if (result.items.length === 0 && result.problems.length === 0) {
    result.problems.push('The CSV has a header but no items');
  }
  if (result.items.length > MAX_ROWS) {
    result.problems.push(`${result.items.length} items: at most ${MAX_ROWS} per import, split the file`);
  }
  onProgress(1);
  return result;
}

const ROW_ERROR = /^items\[(\d+)\]\.(.+)$/;

// The API's refusal of a bulk import, as lines of the file: {rows: [{line, field, reason}], other:
// [{field, reason}]}; `lines[i]` is the file line of items[i].
export function rowErrorsFromApi(errors, lines) {
  const rows = [];
  const other = [];
  Object.entries(errors ?? {}).forEach(([key, reason]) => {
    const match = ROW_ERROR.exec(key);
    if (match && lines[Number(match[1])] !== undefined) {
      rows.push({ line: lines[Number(match[1])], field: match[2], reason });
    } else {
      other.push({ field: key, reason });
    }
  });
  rows.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  return { rows, other };
}

// "ICCID (itemtext1)" for an item field of the template; other fields as they are.
export function describeField(field, template) {
  const numbered = /^itemtext(\d+)$/.exec(field);
  if (!numbered) return field === 'row' ? 'Row' : field;
  return `${fieldLabel(template, Number(numbered[1]))} (${field})`;
}
