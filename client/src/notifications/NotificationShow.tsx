import { NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';

export const NotificationShow = () => (
  <Show>
    <SimpleShowLayout>
      <CustomerField source="customerId" />
      <ReferenceField source="closureRequestId" reference="closure-requests" link="show" />
      <TextField source="template" />
      <EnumField source="channel" enumName="notificationChannel" variant="text" />
      <EnumField source="locale" enumName="locale" variant="text" />
      <EnumField source="status" enumName="notificationStatus" />
      <NumberField source="attempts" />
      <TextField source="lastError" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="sentAt" />
    </SimpleShowLayout>
  </Show>
);
