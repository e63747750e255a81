import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../shared/api';
import { can, useSession } from '../../shared/session';
import Badge from '../../shared/ui/Badge';
import DeleteDialog from '../../shared/ui/DeleteDialog';
import FormModal from '../../shared/ui/FormModal';
import RecordActions from '../../shared/ui/RecordActions';
import RecordsTable from '../../shared/ui/RecordsTable';
import useRecords from '../../shared/useRecords';
import { contactBody, contactValues, fullName } from './customerFields';
import { ContactFields } from './formSections';
import useHighlight from './useHighlight';

function ContactFormModal({ customer, contact, onClose, onSaved }) {
  const [values, setValues] = useState(() => contactValues(contact));
  return (
    <FormModal
      title={contact ? `Edit ${fullName(contact)}` : 'Add contact'}
      submitLabel={contact ? 'Save changes' : 'Add contact'}
      wide
      onClose={onClose}
      onSave={async () => {
        if (contact) {
          await api.patch(`/crm/contact/contact_id/${contact.contact_id}`, contactBody(values));
        } else {
          await api.put('/crm/contact/', { customer_id: customer.customer_id, ...contactBody(values) });
        }
        onSaved(`${values.contact_firstname.trim()} has been saved.`);
      }}
    >
      {(errors) => (
        <ContactFields
          values={values}
          onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          errors={errors}
          idPrefix="contact-form"
        />
      )}
    </FormModal>
  );
}

// Contacts: name, e-mail, phone and types. A global-search hit arrives with the contact's id in
// the location state, and its row is highlighted.
export default function ContactsTab({ customer, onChanged }) {
  const session = useSession();
  const { state } = useLocation();
  const { records: contacts, error, reload } = useRecords(`/crm/contact/customer_id/${customer.customer_id}`);
  const [dialog, setDialog] = useState(null);
  const [notice, setNotice] = useState('');
  const writable = customer.customer_status !== 'Archived';
  const mayCreate = writable && can('create_customer_contact', session);
  const mayUpdate = writable && can('update_customer_contact', session);
  const mayDelete = writable && can('delete_customer_contact', session);

  const highlight = useHighlight(state?.contactId, contacts);

  const done = (message) => {
    setDialog(null);
    setNotice(message);
    reload();
    onChanged();
  };

  return (
    <div className="stack">
      <RecordsTable
        addLabel="Add contact"
        onAdd={() => setDialog({ type: 'form' })}
        mayAdd={mayCreate}
        notice={notice}
        error={error}
        columns={['Name', 'E-mail', 'Phone', 'Types']}
        records={contacts}
        emptyText="No contacts yet"
        renderRow={(contact) => (
          <tr key={contact.contact_id} {...highlight(contact.contact_id)}>
            <td>{fullName(contact)}</td>
            <td>
              {contact.contact_email ? (
                <a href={`mailto:${contact.contact_email}`}>{contact.contact_email}</a>
              ) : (
                '—'
              )}
            </td>
            <td>{contact.contact_phone || '—'}</td>
            <td>
              <span className="badges">
                {contact.contact_types.split(',').map((type) => (
                  <Badge key={type} kind="info">
                    {type}
                  </Badge>
                ))}
              </span>
            </td>
            <RecordActions
              name={fullName(contact)}
              onEdit={mayUpdate && (() => setDialog({ type: 'form', contact }))}
              onDelete={mayDelete && (() => setDialog({ type: 'delete', contact }))}
            />
          </tr>
        )}
      />

      {dialog?.type === 'form' && (
        <ContactFormModal customer={customer} contact={dialog.contact} onClose={() => setDialog(null)} onSaved={done} />
      )}
      {dialog?.type === 'delete' && (
        <DeleteDialog
          title="Delete contact"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.delete(`/crm/contact/contact_id/${dialog.contact.contact_id}`);
            done(`${fullName(dialog.contact)} has been deleted.`);
          }}
        >
          <p>
            {fullName(dialog.contact)} no longer receives this customer&apos;s invoices or notifications. A contact
            linked to a portal user cannot be deleted until the user is unlinked or deleted.
          </p>
        </DeleteDialog>
      )}
    </div>
  );
}
