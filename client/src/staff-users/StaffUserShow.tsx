import { BooleanField, EditButton, EmailField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { ResetPasswordButton } from './ResetPasswordButton';

export const StaffUserShow = () => (
  <Show
    actions={
      <TopToolbar>
        <EditButton />
        <ResetPasswordButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="fullName" />
      <EmailField source="email" />
      <EnumField source="role" enumName="role" />
      <TextField source="locale" />
      <BooleanField source="active" />
      <DateTimeField source="lastLoginAt" />
    </SimpleShowLayout>
  </Show>
);
