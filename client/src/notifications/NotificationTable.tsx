import { DataTable, ReferenceField, TextField } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { CodeField } from '../common/CodeField';
import { useMe } from '../common/useRole';
import { canWork } from '../permissions';
import { RetryNotificationButton } from './RetryNotificationButton';

/** The customer outbox: what was (or will be) sent, how often it was tried, the last error; a failed one can be retried. */
export const NotificationTable = ({ showRequest = false }: { showRequest?: boolean }) => {
  const me = useMe();
  return (
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateTimeField source="createdAt" />
      </DataTable.Col>
      {showRequest && (
        <DataTable.Col source="closureRequestId" disableSort sx={{ whiteSpace: 'nowrap' }}>
          <ReferenceField source="closureRequestId" reference="closure-requests" link="show" />
        </DataTable.Col>
      )}
      <DataTable.Col source="template" disableSort>
        <CodeField source="template" group="template" />
      </DataTable.Col>
      <DataTable.Col source="channel" disableSort>
        <EnumField source="channel" enumName="notificationChannel" variant="text" />
      </DataTable.Col>
      <DataTable.Col source="locale" disableSort>
        <EnumField source="locale" enumName="locale" variant="text" />
      </DataTable.Col>
      <DataTable.Col source="status">
        <EnumField source="status" enumName="notificationStatus" />
      </DataTable.Col>
      <DataTable.Col source="attempts" align="right" />
      <DataTable.Col source="sentAt">
        <DateTimeField source="sentAt" />
      </DataTable.Col>
      <DataTable.Col source="lastError" disableSort>
        <TextField
          source="lastError"
          sx={{ display: 'block', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
        />
      </DataTable.Col>
      {canWork(me?.role) && (
        <DataTable.Col label="app.columns.actions" disableSort>
          <RetryNotificationButton />
        </DataTable.Col>
      )}
    </DataTable>
  );
};
