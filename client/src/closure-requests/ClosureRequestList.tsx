import { Stack, type SxProps } from '@mui/material';
import { DataTable, List, SimpleList, type RaRecord } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { DateTimeField } from '../common/dates';
import { StaffField } from '../common/StaffField';
import { useIsSmall } from '../common/useIsSmall';
import { DueAtField } from './DueAtField';
import { closureRequestFilters, ClosureRequestListActions } from './closureRequestFilters';

const overdueRowSx = (record: RaRecord): SxProps =>
  record.overdue ? { '& > td:first-of-type': { borderLeft: '3px solid', borderLeftColor: 'error.main' } } : {};

/** The queue at desk width: one row per request. In a customer's tab the customer is left out. */
export const ClosureRequestTable = ({ showCustomer = true }: { showCustomer?: boolean }) => (
  <DataTable rowClick="show" bulkActionButtons={false} rowSx={overdueRowSx}>
    <DataTable.Col source="reference" />
    {showCustomer && <DataTable.Col source="customerName" disableSort />}
    <DataTable.Col source="channel">
      <EnumField source="channel" enumName="channel" variant="text" />
    </DataTable.Col>
    <DataTable.Col source="status">
      <EnumField source="status" enumName="closureStatus" />
    </DataTable.Col>
    <DataTable.Col source="reasonCode" disableSort>
      <EnumField source="reasonCode" enumName="reasonCode" variant="text" />
    </DataTable.Col>
    <DataTable.Col source="assigneeId" disableSort>
      <StaffField source="assigneeId" nameSource="assigneeName" emptyText="app.unassigned" />
    </DataTable.Col>
    <DataTable.Col source="submittedAt">
      <DateTimeField source="submittedAt" />
    </DataTable.Col>
    <DataTable.Col source="dueAt">
      <DueAtField />
    </DataTable.Col>
  </DataTable>
);

/** The queue on a phone: customer and reference, then status and deadline. */
// Function props: SimpleList floats the tertiary text to the right only when it is not an element.
const ClosureRequestSimpleList = () => (
  <SimpleList
    rowClick="show"
    primaryText={(record) => record.customerName}
    tertiaryText={(record) => record.reference}
    secondaryText={
      <Stack direction="row" spacing={1} component="span" sx={{ alignItems: 'center', mt: 0.5 }}>
        <EnumField source="status" enumName="closureStatus" />
        <DueAtField />
      </Stack>
    }
    rowSx={(record) => (record.overdue ? { borderLeft: '3px solid', borderLeftColor: 'error.main' } : {})}
  />
);

export const ClosureRequestList = () => {
  const isSmall = useIsSmall();
  return (
    <List
      filters={closureRequestFilters}
      actions={<ClosureRequestListActions />}
      sort={{ field: 'submittedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      {isSmall ? <ClosureRequestSimpleList /> : <ClosureRequestTable />}
    </List>
  );
};
