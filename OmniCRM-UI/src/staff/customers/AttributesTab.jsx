import { useState } from 'react';
import { api } from '../../shared/api';
import { config } from '../../shared/config';
import { formatDateTime } from '../../shared/format';
import { can, useSession } from '../../shared/session';
import Alert from '../../shared/ui/Alert';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import { TextField } from '../../shared/ui/Field';
import FormModal from '../../shared/ui/FormModal';
import RecordActions from '../../shared/ui/RecordActions';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';

const MAX_VALUE = 150;

// Add (PUT, which also updates an attribute of the same name) or edit (PATCH) an attribute.
function AttributeFormModal({ customer, attribute, onClose, onSaved }) {
  const [name, setName] = useState(attribute?.attribute_name ?? '');
  const [value, setValue] = useState(attribute?.attribute_value ?? '');
  const renamed = attribute && name.trim() !== attribute.attribute_name;
  const body = { attribute_name: name.trim(), attribute_value: value };

  return (
    <FormModal
      title={attribute ? 'Edit Attribute' : 'Add Attribute'}
      submitLabel={attribute ? 'Update Attribute' : 'Create Attribute'}
      onClose={onClose}
      onSave={async () => {
        if (attribute) {
          await api.patch(`/crm/attribute/attribute_id/${attribute.attribute_id}`, body);
        } else {
          await api.put('/crm/attribute/', { customer_id: customer.customer_id, ...body });
        }
        onSaved(`The attribute ${body.attribute_name} has been saved.`);
      }}
    >
      {(errors) => (
        <>
          <TextField
            id="attribute-name"
            label="Attribute Name"
            required
            hint="lowercase_with_underscores, no spaces"
            value={name}
            onChange={setName}
            error={errors.attribute_name}
          />
          {renamed && (
            <Alert kind="warning">
              Integrations, provisioning and billing rules that read <code>{attribute.attribute_name}</code> will no
              longer find it under its new name.
            </Alert>
          )}
          <TextField
            id="attribute-value"
            label="Attribute Value"
            required
            maxLength={MAX_VALUE}
            hint={`${value.length}/${MAX_VALUE} characters`}
            value={value}
            onChange={setValue}
            error={errors.attribute_value}
          />
        </>
      )}
    </FormModal>
  );
}

// Attributes (spec 01 §8.1): named values read by integrations, provisioning and billing. Each
// control shows only with its permission; the tab itself needs view_customer_attribute.
export default function AttributesTab({ customer }) {
  const session = useSession();
  const { records: attributes, error, reload } = useRecords(`/crm/attribute/customer_id/${customer.customer_id}`);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const writable = customer.customer_status !== 'Archived';
  const mayCreate = writable && can('create_customer_attribute', session);
  const mayUpdate = writable && can('update_customer_attribute', session);
  const mayDelete = writable && can('delete_customer_attribute', session);
  const when = (value) => formatDateTime(value, { locale: config.locale });

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    reload();
  };

  return (
    <div className="stack">
      <RecordsTable
        addLabel="Add Attribute"
        onAdd={() => setDialog({ type: 'form' })}
        mayAdd={mayCreate}
        notice={notice}
        error={error}
        columns={['Attribute Name', 'Attribute Value', 'Created', 'Last Modified']}
        showActions={mayUpdate || mayDelete}
        records={attributes}
        emptyText="No attributes yet"
        renderRow={(attribute) => (
          <tr key={attribute.attribute_id}>
            <td>
              <code>{attribute.attribute_name}</code>
            </td>
            <td className="table__break">{attribute.attribute_value}</td>
            <td className="table__nowrap">{when(attribute.created)}</td>
            <td className="table__nowrap">{when(attribute.last_modified)}</td>
            {(mayUpdate || mayDelete) && (
              <RecordActions
                name={attribute.attribute_name}
                onEdit={mayUpdate && (() => setDialog({ type: 'form', attribute }))}
                onDelete={mayDelete && (() => setDialog({ type: 'delete', attribute }))}
              />
            )}
          </tr>
        )}
      />

      {dialog?.type === 'form' && (
        <AttributeFormModal
          customer={customer}
          attribute={dialog.attribute}
          onClose={() => setDialog(null)}
          onSaved={done}
        />
      )}
      {dialog?.type === 'delete' && (
        <DeleteDialog
          title="Delete attribute"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/attribute/attribute_id/${dialog.attribute.attribute_id}`);
            done(`The attribute ${dialog.attribute.attribute_name} has been deleted.`);
          }}
        >
          <p>
            Delete <code>{dialog.attribute.attribute_name}</code>? Integrations, provisioning and billing logic that
            depend on this attribute may stop working for this customer.
          </p>
        </DeleteDialog>
      )}
    </div>
  );
}
