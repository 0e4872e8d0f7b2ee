import { NumberField, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { CodeField } from '../common/CodeField';
import { RetryNotificationButton } from './RetryNotificationButton';

export const NotificationShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RetryNotificationButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <CustomerField source="customerId" />
      <ReferenceField source="closureRequestId" reference="closure-requests" link="show" />
      <CodeField source="template" group="template" />
      <TextField source="subject" emptyText="—" />
      <TextField source="body" sx={{ whiteSpace: 'pre-wrap' }} />
      <TextField source="recipient" sx={{ fontFamily: 'monospace' }} />
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
