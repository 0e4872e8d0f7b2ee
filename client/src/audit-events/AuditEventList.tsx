import { AutocompleteInput, DataTable, DateInput, FilterButton, List, NumberInput, SelectInput, TextInput, TopToolbar } from 'react-admin';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@closure-desk/shared';
import { CodeField } from '../common/CodeField';
import { codeKey } from '../i18n/codes';
import { DateTimeField, endOfLocalDay, startOfLocalDay } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { ExportButton } from './ExportButton';
import { VerifyChainButton } from './VerifyChainButton';
import { SignCheckpointButton } from './SignCheckpointButton';
import { ListPagination } from '../common/ListPagination';


const auditEventFilters = [
  <DateInput key="at_gte" source="at_gte" parse={startOfLocalDay} alwaysOn />,
  <DateInput key="at_lte" source="at_lte" parse={endOfLocalDay} alwaysOn />,
  <AutocompleteInput key="action" source="action" choices={AUDIT_ACTIONS.map((id) => ({ id, name: codeKey('auditAction', id) }))} />,
  <SelectInput key="entityType" source="entityType" choices={AUDIT_ENTITY_TYPES.map((id) => ({ id, name: codeKey('entityType', id) }))} />,
  <TextInput key="entityId" source="entityId" />,
  <NumberInput key="actorId" source="actorId" />,
];

const AuditEventListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButton resource="audit-events" />
    <VerifyChainButton />
    <SignCheckpointButton />
  </TopToolbar>
);

/**
 * The append-only trail, newest first; only `id` and `at` sort. Exports (audited, streamed by
 * the server) take the list's filter; Verify re-walks the hash chain.
 */
export const AuditEventList = () => (
  <List pagination={<ListPagination />}
    filters={auditEventFilters}
    actions={<AuditEventListActions />}
    sort={{ field: 'at', order: 'DESC' }}
    perPage={50}
    exporter={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="id" />
      <DataTable.Col source="at">
        <DateTimeField source="at" />
      </DataTable.Col>
      <DataTable.Col source="actorEmail" disableSort />
      <DataTable.Col source="actorRole" disableSort>
        <EnumField source="actorRole" enumName="role" variant="text" />
      </DataTable.Col>
      <DataTable.Col source="action" disableSort>
        <CodeField source="action" group="auditAction" />
      </DataTable.Col>
      <DataTable.Col source="entityType" disableSort>
        <CodeField source="entityType" group="entityType" />
      </DataTable.Col>
      <DataTable.Col source="entityId" disableSort />
      <DataTable.Col source="reason" disableSort />
    </DataTable>
  </List>
);
