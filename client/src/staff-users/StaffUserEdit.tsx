import { Create, Edit, type RaRecord } from 'react-admin';
import { StaffUserForm } from './StaffUserForm';

/** An empty password field means "keep the password". */
const dropEmptyPassword = (data: RaRecord) => {
  const { password, ...rest } = data;
  return password ? { ...rest, password } : rest;
};

/** Admins change names, roles, activity and passwords; disabling ends the person's sessions. */
export const StaffUserEdit = () => (
  <Edit mutationMode="pessimistic" transform={dropEmptyPassword}>
    <StaffUserForm />
  </Edit>
);

export const StaffUserCreate = () => (
  <Create redirect="list">
    <StaffUserForm create />
  </Create>
);
