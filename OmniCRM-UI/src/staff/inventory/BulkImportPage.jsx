import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import Alert from '../../shared/ui/Alert';
import { SelectField, TextAreaField, TextField } from '../../shared/ui/Field';
import Page from '../../shared/ui/Page';
import ProgressBar from '../../shared/ui/ProgressBar';
import { downloadText } from '../../shared/ui/download';
import { describeField, MAX_ROWS, prepareImport, rowErrorsFromApi } from './csvImport';
import { CREATE_STATES } from './inventoryStates';
import { FIELD_NUMBERS, fieldLabel, labelKey } from './templateFields';
import useTemplates from './useTemplates';

const PREVIEW_ROWS = 5;

// Line-by-line problems of the file: [{line, field, reason}].
function ErrorReport({ title, detail, rows, other = [], template }) {
  return (
    <section className="panel card import-report" aria-label="Import errors" data-testid="import-report">
      <Alert>
        <strong>{title}</strong>
        {detail && <p className="alert__text">{detail}</p>}
      </Alert>
      {other.length > 0 && (
        <ul className="alert__list">
          {other.map(({ field, reason }) => (
            <li key={field}>
              {field}: {reason}
            </li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">CSV line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ line, field, reason }) => (
                <tr key={`${line}-${field}`}>
                  <td>Line {line}</td>
                  <td>{describeField(field, template)}</td>
                  <td>{reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// The first rows as they will be imported; rows with a reported problem are highlighted.
function Preview({ prepared, template, badLines }) {
  const { columns, items, lines } = prepared;
  return (
    <section className="panel card" aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading" className="card__title">
        Preview: {items.length === 1 ? '1 item' : `${items.length} items`}
        {items.length > PREVIEW_ROWS && `, first ${PREVIEW_ROWS} shown`}
      </h2>
      <div className="table-wrap">
        <table className="table" aria-label="Preview of the first rows">
          <thead>
            <tr>
              <th scope="col">CSV line</th>
              {columns.map((number) => (
                <th scope="col" key={number}>
                  {fieldLabel(template, number)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.slice(0, PREVIEW_ROWS).map((item, index) => (
              <tr key={lines[index]} className={badLines.has(lines[index]) ? 'table__row--highlight' : undefined}>
                <td>{lines[index]}</td>
                {columns.map((number) => (
                  <td key={number} className="table__break">
                    {item[`itemtext${number}`] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// "ICCID,IMSI" for a template: the header row a file for it needs.
const headerFor = (template) =>
  FIELD_NUMBERS.filter((number) => template[labelKey(number)])
    .map((number) => template[labelKey(number)])
    .join(',');

// Inventory → Bulk import (spec 02 §3.6, §7.5): items of one template from CSV, all or nothing.
export default function BulkImportPage() {
  const { templates, error: templatesError } = useTemplates();
  const [templateId, setTemplateId] = useState('');
  const [defaults, setDefaults] = useState({
    item_state: 'New',
    item_location: '',
    wholesale_cost: '',
    retail_cost: '',
  });
  const [csv, setCsv] = useState('');
  const [prepared, setPrepared] = useState(null);
  const [progress, setProgress] = useState(null);
  const [report, setReport] = useState(null);
  const [created, setCreated] = useState(null);
  const template = templates?.find((held) => String(held.inventory_template_id) === templateId);
  const busy = progress !== null;

  const reset = () => {
    setPrepared(null);
    setReport(null);
  };

  function chooseTemplate(id) {
    const chosen = templates.find((held) => String(held.inventory_template_id) === id);
    setTemplateId(id);
    setDefaults((current) => ({
      ...current,
      wholesale_cost: chosen ? Number(chosen.wholesale_cost).toFixed(2) : '',
      retail_cost: chosen ? Number(chosen.retail_cost).toFixed(2) : '',
    }));
    reset();
  }

  function changeCsv(text) {
    setCsv(text);
    setCreated(null);
    reset();
  }

  function readFile(file) {
    if (!file) return;
    const reader = new FileReader();
    reader.onprogress = (event) =>
      setProgress({ label: `Reading ${file.name}`, value: event.total ? event.loaded / event.total : null });
    reader.onload = () => {
      setProgress(null);
      changeCsv(String(reader.result));
    };
    reader.onerror = () => {
      setProgress(null);
      setReport({ title: `${file.name} cannot be read`, rows: [], other: [] });
    };
    reader.readAsText(file);
  }

  async function check() {
    setCreated(null);
    setReport(null);
    setProgress({ label: 'Parsing and checking the CSV', value: 0 });
    const result = await prepareImport(csv, template, {
      onProgress: (value) => setProgress({ label: 'Parsing and checking the CSV', value }),
    });
    setProgress(null);
    setPrepared(result);
    if (result.problems.length > 0 || result.rowErrors.length > 0) {
      setReport({
        title: 'The CSV has errors: nothing has been sent.',
        detail: 'Fix these lines and check the CSV again.',
        rows: result.rowErrors,
        other: result.problems.map((reason) => ({ field: 'File', reason })),
      });
    }
  }

  async function upload() {
    setReport(null);
    setProgress({ label: 'Uploading', value: 0 });
    const body = {
      inventory_template_id: template.inventory_template_id,
      defaults: {
        item_state: defaults.item_state,
        ...(defaults.item_location.trim() ? { item_location: defaults.item_location.trim() } : {}),
        ...(defaults.wholesale_cost.trim() ? { wholesale_cost: defaults.wholesale_cost.trim() } : {}),
        ...(defaults.retail_cost.trim() ? { retail_cost: defaults.retail_cost.trim() } : {}),
      },
      items: prepared.items,
    };
    try {
      const { data } = await api.put('/crm/inventory/bulk', body, {
        onUploadProgress: (event) => {
          const value = event.total ? event.loaded / event.total : null;
          setProgress(
            value === 1 ? { label: 'Checking and saving on the server', value: null } : { label: 'Uploading', value },
          );
        },
      });
      setCreated(data);
      setPrepared(null);
      setCsv('');
    } catch (refusal) {
      const { rows, other } = rowErrorsFromApi(refusal.errors, prepared.lines);
      setReport({
        title: 'Nothing was imported.',
        detail: `${refusal.message.replace(/\.$/, '')}. Fix these lines, check the CSV and import again.`,
        rows,
        other,
      });
    } finally {
      setProgress(null);
    }
  }

  // After a refusal the same rows are not offered again: the CSV must change first.
  const clean = prepared && prepared.problems.length === 0 && prepared.rowErrors.length === 0 && !report;
  const badLines = new Set((report?.rows ?? []).map((row) => row.line));
  const setDefault = (field) => (value) => setDefaults((current) => ({ ...current, [field]: value }));

  return (
    <Page title="Bulk import">
      <div className="stack">
        <p className="page__intro">
          Import up to {MAX_ROWS} items of one template from CSV. The first row names the columns: the template's labels
          (e.g. ICCID, IMSI) or itemtext1 … itemtext20. The import is all or nothing: if any row is refused, no item is
          created.
        </p>
        {templatesError && <Alert>Templates cannot be listed: {templatesError}</Alert>}
        <section className="panel card" aria-labelledby="import-source-heading">
          <h2 id="import-source-heading" className="card__title">
            Template and defaults
          </h2>
          <div className="form__grid">
            <SelectField
              id="import-template"
              label="Template"
              value={templateId}
              onChange={chooseTemplate}
              options={[
                ['', templates ? 'Choose a template…' : 'Loading templates…'],
                ...(templates ?? []).map((held) => [String(held.inventory_template_id), held.item]),
              ]}
            />
            <SelectField
              id="import-state"
              label="State of the new items"
              value={defaults.item_state}
              onChange={setDefault('item_state')}
              options={CREATE_STATES.map((state) => [state, state])}
            />
            <TextField
              id="import-location"
              label="Location"
              maxLength={255}
              value={defaults.item_location}
              onChange={setDefault('item_location')}
            />
            <TextField
              id="import-wholesale"
              label="Wholesale cost"
              type="number"
              min={0}
              step="0.01"
              value={defaults.wholesale_cost}
              onChange={setDefault('wholesale_cost')}
            />
            <TextField
              id="import-retail"
              label="Retail cost"
              type="number"
              min={0}
              step="0.01"
              value={defaults.retail_cost}
              onChange={setDefault('retail_cost')}
            />
          </div>
          {template && (
            <p className="form__hint">
              Expected header: <code>{headerFor(template)}</code>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => downloadText(`${template.item}.csv`, `${headerFor(template)}\n`)}
              >
                Download an empty CSV
              </button>
            </p>
          )}
        </section>
        <section className="panel card" aria-labelledby="import-csv-heading">
          <h2 id="import-csv-heading" className="card__title">
            CSV
          </h2>
          <TextAreaField
            id="import-csv"
            label="Paste CSV"
            hint="Comma, semicolon or tab separated; quote values that hold separators"
            className="code-input-area"
            spellCheck={false}
            rows={8}
            value={csv}
            onChange={changeCsv}
          />
          <div className="inline-form">
            <label className="button button--outline file-button">
              Upload CSV file
              <input
                type="file"
                accept=".csv,text/csv,text/plain"
                className="visually-hidden"
                onChange={(event) => {
                  readFile(event.target.files[0]);
                  event.target.value = '';
                }}
              />
            </label>
            <button
              type="button"
              className="button button--outline"
              disabled={!template || !csv.trim() || busy}
              onClick={check}
            >
              Check CSV
            </button>
            {clean && (
              <button type="button" className="button button--primary" disabled={busy} onClick={upload}>
                Import {prepared.items.length === 1 ? '1 item' : `${prepared.items.length} items`}
              </button>
            )}
          </div>
          {!template && <p className="form__hint">Choose a template first.</p>}
        </section>
        {progress && <ProgressBar label={progress.label} value={progress.value} />}
        {created && (
          <Alert kind="success">
            {created.created === 1 ? '1 item was imported' : `${created.created} items were imported`}.{' '}
            <Link to={`/inventory?template=${templateId}`}>See the {template?.item} items</Link>
          </Alert>
        )}
        {report && <ErrorReport {...report} template={template} />}
        {prepared && prepared.items.length > 0 && (
          <Preview prepared={prepared} template={template} badLines={badLines} />
        )}
      </div>
    </Page>
  );
}
