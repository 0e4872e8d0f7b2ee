import { BooleanField, EmailField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';

export const StaffUserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="fullName" />
      <EmailField source="email" />
      <EnumField source="role" enumName="role" />
      <BooleanField source="active" />
      <DateTimeField source="lastLoginAt" />
    </SimpleShowLayout>
  </Show>
);
