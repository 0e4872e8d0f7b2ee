import { Stack, type SxProps } from '@mui/material';
import { DataTable, List, SimpleList, type RaRecord } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { DateTimeField } from '../common/dates';
import { StaffField } from '../common/StaffField';
import { useIsSmall } from '../common/useIsSmall';
import { useMe } from '../common/useRole';
import { canAssign } from '../permissions';
import { BulkAssignButton } from './BulkAssignButton';
import { ClosureRequestFilterSidebar } from './ClosureRequestFilterSidebar';
import { SlaCountdownField } from './SlaCountdownField';
import { closureRequestFilters, ClosureRequestListActions } from './closureRequestFilters';
import { ListPagination } from '../common/ListPagination';

const overdueRowSx = (record: RaRecord): SxProps =>
  record.overdue ? { '& > td:first-of-type': { borderLeft: '3px solid', borderLeftColor: 'error.main' } } : {};

interface ClosureRequestTableProps {
  showCustomer?: boolean;
  /** Supervisors select rows to assign them in bulk. */
  bulkAssign?: boolean;
}

/** The queue at desk width: one row per request. In a customer's tab the customer is left out. */
export const ClosureRequestTable = ({ showCustomer = true, bulkAssign = false }: ClosureRequestTableProps) => (
  <DataTable rowClick="show" bulkActionButtons={bulkAssign ? <BulkAssignButton /> : false} rowSx={overdueRowSx}>
    <DataTable.Col source="reference" sx={{ whiteSpace: 'nowrap' }} />
    {showCustomer && <DataTable.Col source="customerName" disableSort />}
    <DataTable.Col source="channel">
      <EnumField source="channel" enumName="channel" variant="text" />
    </DataTable.Col>
    <DataTable.Col source="status">
      <EnumField source="status" enumName="closureStatus" />
    </DataTable.Col>
    <DataTable.Col source="assigneeId">
      <StaffField source="assigneeId" nameSource="assigneeName" emptyText="app.unassigned" />
    </DataTable.Col>
    <DataTable.Col source="submittedAt">
      <DateTimeField source="submittedAt" options={{ dateStyle: 'short', timeStyle: 'short' }} />
    </DataTable.Col>
    <DataTable.Col source="dueAt">
      <SlaCountdownField withDate />
    </DataTable.Col>
  </DataTable>
);

/** The queue on a phone: customer and reference, then status and time left. */
// Function props: SimpleList floats the tertiary text to the right only when it is not an element.
const ClosureRequestSimpleList = () => (
  <SimpleList
    className="closure-request-simple-list"
    rowClick="show"
    primaryText={(record) => record.customerName}
    tertiaryText={(record) => record.reference}
    secondaryText={
      <Stack direction="row" spacing={1} component="span" sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap' }}>
        <EnumField source="status" enumName="closureStatus" />
        <SlaCountdownField />
      </Stack>
    }
    rowSx={(record) => (record.overdue ? { borderLeft: '3px solid', borderLeftColor: 'error.main' } : {})}
  />
);

export const ClosureRequestList = () => {
  const isSmall = useIsSmall();
  const me = useMe();
  return (
    <List pagination={<ListPagination />}
      filters={closureRequestFilters}
      actions={<ClosureRequestListActions />}
      aside={<ClosureRequestFilterSidebar />}
      sort={{ field: 'submittedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      {isSmall ? <ClosureRequestSimpleList /> : <ClosureRequestTable bulkAssign={canAssign(me?.role)} />}
    </List>
  );
};
