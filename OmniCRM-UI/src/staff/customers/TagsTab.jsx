import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime, parseApiTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Badge from '../../shared/ui/Badge';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import Field, { TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import RecordActions from '../../shared/ui/RecordActions';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import TagPill from './TagPill';

const HEX = /^#?[0-9a-fA-F]{6}$/;
const FOREVER = '2099-01-01 00:00:00';

// The API's UTC "2025-01-31 13:45:00" ↔ an <input type="datetime-local"> value, in UTC too.
const toInput = (value) => value.slice(0, 16).replace(' ', 'T');
const fromInput = (value) => (value ? `${value.replace('T', ' ')}:00` : null);

function tagValues(tag) {
  return {
    tag_text: tag?.tag_text ?? '',
    tag_hex_color: tag?.tag_hex_color ?? 'FFD700',
    tag_link: tag?.tag_link ?? '',
    tag_active_date: toInput(tag?.tag_active_date ?? new Date().toISOString()),
    tag_deactivate_date: toInput(tag?.tag_deactivate_date ?? FOREVER),
  };
}

function tagBody(values) {
  return {
    tag_text: values.tag_text.trim(),
    tag_hex_color: values.tag_hex_color.trim().replace(/^#/, '').toUpperCase(),
    tag_link: values.tag_link.trim() || null,
    tag_active_date: fromInput(values.tag_active_date),
    tag_deactivate_date: fromInput(values.tag_deactivate_date),
  };
}

// Active now, Scheduled (starts later) or Expired.
function tagStatus(tag) {
  if (tag.tag_active) return ['success', 'Active'];
  return parseApiTime(tag.tag_active_date) > new Date() ? ['info', 'Scheduled'] : ['neutral', 'Expired'];
}

function TagFormModal({ customer, tag, onClose, onSaved }) {
  const [values, setValues] = useState(() => tagValues(tag));
  const set = (field) => (value) => setValues((current) => ({ ...current, [field]: value }));
  const validColor = HEX.test(values.tag_hex_color.trim());
  const color = validColor ? values.tag_hex_color.trim().replace(/^#/, '') : '6C757D';

  return (
    <FormModal
      title={tag ? 'Edit tag' : 'Add tag'}
      submitLabel={tag ? 'Update Tag' : 'Create Tag'}
      onClose={onClose}
      onSave={async () => {
        if (tag) {
          await api.patch(`/crm/tag/tag_id/${tag.tag_id}`, tagBody(values));
        } else {
          await api.put('/crm/tag/', { customer_id: customer.customer_id, ...tagBody(values) });
        }
        onSaved(`The tag ${values.tag_text.trim()} has been saved.`);
      }}
    >
      {(errors) => (
        <>
          <TextField
            id="tag-text"
            label="Text"
            required
            maxLength={64}
            value={values.tag_text}
            onChange={set('tag_text')}
            error={errors.tag_text}
          />
          <Field id="tag-color" label="Colour" hint="Six hex digits, e.g. FFD700" error={errors.tag_hex_color}>
            <div className="color-input">
              <input
                type="color"
                aria-label="Colour picker"
                value={`#${color.toLowerCase()}`}
                onChange={(event) => set('tag_hex_color')(event.target.value.slice(1).toUpperCase())}
              />
              <input
                id="tag-color"
                value={values.tag_hex_color}
                onChange={(event) => set('tag_hex_color')(event.target.value)}
              />
            </div>
          </Field>
          <TextField
            id="tag-link"
            label="Link"
            type="url"
            hint="Optional: opens in a new tab when the tag is clicked"
            value={values.tag_link}
            onChange={set('tag_link')}
            error={errors.tag_link}
          />
          <div className="form__grid">
            <TextField
              id="tag-active"
              label="Active from (UTC)"
              type="datetime-local"
              required
              value={values.tag_active_date}
              onChange={set('tag_active_date')}
              error={errors.tag_active_date}
            />
            <TextField
              id="tag-deactivate"
              label="Active until (UTC)"
              type="datetime-local"
              required
              value={values.tag_deactivate_date}
              onChange={set('tag_deactivate_date')}
              error={errors.tag_deactivate_date}
            />
          </div>
          <div className="tag-preview">
            <span className="field__hint">Preview</span>
            <TagPill tag={{ tag_text: values.tag_text.trim() || 'Tag', tag_hex_color: color }} />
          </div>
        </>
      )}
    </FormModal>
  );
}

// Tags: every tag of the customer, active or not; the header shows only the active ones.
export default function TagsTab({ customer, onChanged }) {
  const session = useSession();
  const { records: tags, error, reload } = useRecords(`/crm/tag/customer_id/${customer.customer_id}`);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const writable = customer.customer_status !== 'Archived';
  const mayCreate = writable && can('create_customer_tag', session);
  const mayUpdate = writable && can('update_customer_tag', session);
  const mayDelete = writable && can('delete_customer_tag', session);
  const when = (value) => formatDateTime(value, { locale: config.locale });

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    reload();
    onChanged();
  };

  return (
    <div className="stack">
      <RecordsTable
        addLabel="Add Tag"
        onAdd={() => setDialog({ type: 'form' })}
        mayAdd={mayCreate}
        notice={notice}
        error={error}
        columns={['Preview', 'Text', 'Active from', 'Active until', 'Link', 'Status']}
        records={tags}
        emptyText="No tags yet"
        renderRow={(tag) => {
          const [kind, status] = tagStatus(tag);
          return (
            <tr key={tag.tag_id}>
              <td>
                <TagPill tag={tag} />
              </td>
              <td>{tag.tag_text}</td>
              <td className="table__nowrap">{when(tag.tag_active_date)}</td>
              <td className="table__nowrap">{when(tag.tag_deactivate_date)}</td>
              <td className="table__break">
                {tag.tag_link ? (
                  <a href={tag.tag_link} target="_blank" rel="noopener">
                    {tag.tag_link}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <Badge kind={kind}>{status}</Badge>
              </td>
              <RecordActions
                name={`tag ${tag.tag_text}`}
                onEdit={mayUpdate && (() => setDialog({ type: 'form', tag }))}
                onDelete={mayDelete && (() => setDialog({ type: 'delete', tag }))}
              />
            </tr>
          );
        }}
      />

      {dialog?.type === 'form' && (
        <TagFormModal customer={customer} tag={dialog.tag} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog?.type === 'delete' && (
        <DeleteDialog
          title="Delete tag"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/tag/tag_id/${dialog.tag.tag_id}`);
            done(`The tag ${dialog.tag.tag_text} has been deleted.`);
          }}
        >
          <p>
            The tag <strong>{dialog.tag.tag_text}</strong> is removed from this customer. To keep its history, edit its
            end date instead.
          </p>
        </DeleteDialog>
      )}
    </div>
  );
}
