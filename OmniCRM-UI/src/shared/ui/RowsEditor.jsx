import { SelectField, TextAreaField, TextField } from './Field';
import IconButton from './IconButton';
import { TrashIcon } from './icons';

// One input of a row: a text box, a <select> over `options` ([value, label] pairs) or, with
// `multiline`, a text area.
function RowField({ field, ...props }) {
  if (field.options) return <SelectField {...props} options={field.options} />;
  if (field.multiline) return <TextAreaField {...props} rows={2} />;
  return <TextField {...props} />;
}

// Rows edited in place (a play's extra variables, CGRateS attribute rows…): per row one input per
// `fields` entry ({key, label, options?, multiline?}), labelled "`itemLabel` N `label`", and a
// remove button; "`addLabel`" appends `newRow()`. `rows` is a list of objects by field key and
// onChange receives the new list; errorOf(index, key) is the reason shown under an input.
export default function RowsEditor({ idPrefix, itemLabel, fields, rows, onChange, newRow, addLabel, errorOf }) {
  const change = (index, key, value) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, [key]: value } : row)));
  return (
    <>
      {rows.map((row, index) => (
        // Rows have no identity but their place.
        <div className="label-rows__row" key={index}>
          {fields.map((field) => (
            <RowField
              key={field.key}
              field={field}
              id={`${idPrefix}-${field.key}-${index}`}
              label={`${itemLabel} ${index + 1} ${field.label}`}
              value={row[field.key]}
              onChange={(value) => change(index, field.key, value)}
              error={errorOf?.(index, field.key)}
            />
          ))}
          <IconButton
            label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            <TrashIcon />
          </IconButton>
        </div>
      ))}
      <div className="inline-form">
        <button type="button" className="button button--outline" onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </button>
      </div>
    </>
  );
}
