import { DataTable, DateInput, List, NumberInput, TextInput } from 'react-admin';
import { DateTimeField, endOfLocalDay, startOfLocalDay } from '../common/dates';
import { EnumField } from '../common/EnumField';

const auditEventFilters = [
  <DateInput key="at_gte" source="at_gte" parse={startOfLocalDay} alwaysOn />,
  <DateInput key="at_lte" source="at_lte" parse={endOfLocalDay} alwaysOn />,
  <TextInput key="action" source="action" />,
  <TextInput key="entityType" source="entityType" />,
  <TextInput key="entityId" source="entityId" />,
  <NumberInput key="actorId" source="actorId" />,
];

/**
 * The append-only trail, newest first; only `id` and `at` sort. Exports (audited, server-side)
 * come with the actions.
 */
export const AuditEventList = () => (
  <List filters={auditEventFilters} sort={{ field: 'at', order: 'DESC' }} perPage={50} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="at">
        <DateTimeField source="at" />
      </DataTable.Col>
      <DataTable.Col source="actorEmail" disableSort />
      <DataTable.Col source="actorRole" disableSort>
        <EnumField source="actorRole" enumName="role" variant="text" />
      </DataTable.Col>
      <DataTable.Col source="action" disableSort />
      <DataTable.Col source="entityType" disableSort />
      <DataTable.Col source="entityId" disableSort />
      <DataTable.Col source="reason" disableSort />
    </DataTable>
  </List>
);
