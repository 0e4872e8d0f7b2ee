import { Create, Edit, useNotify, useRedirect, type RaRecord } from 'react-admin';
import { StaffUserForm } from './StaffUserForm';

/** The server answers the whole record; only what an admin may change is sent back. */
const editable = ({ fullName, role, active, locale }: RaRecord) => ({ fullName, role, active, locale });

/** Admins change names, roles, language and activity; disabling ends the person's sessions. */
export const StaffUserEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      mutationMode="pessimistic"
      transform={editable}
      mutationOptions={{
        // Say what happened, not react-admin's "Element updated".
        onSuccess: (data: RaRecord) => {
          notify(data.active === false ? 'app.staff.saved_inactive' : 'app.staff.saved', { type: 'success', messageArgs: { name: String(data.fullName) } });
          redirect('show', 'staff-users', data.id);
        },
      }}
    >
      <StaffUserForm />
    </Edit>
  );
};

/** Creating an account sends the new member their invitation e-mail. */
export const StaffUserCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (data: RaRecord) => {
          notify('app.staff.invited', { type: 'success', messageArgs: { email: String(data.email) } });
          redirect('show', 'staff-users', data.id);
        },
      }}
    >
      <StaffUserForm create />
    </Create>
  );
};
