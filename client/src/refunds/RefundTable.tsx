import { DataTable, ReferenceField, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { StaffField } from '../common/StaffField';
import { useMe } from '../common/useRole';
import { canDecideRefunds } from '../permissions';
import { RefundDecisionButtons } from './RefundDecisionButtons';

interface RefundTableProps {
  showRequest?: boolean;
  showCustomer?: boolean;
}

/** Refunds, newest first; those above the threshold wait as `pending_approval` for a supervisor. */
export const RefundTable = ({ showRequest = false, showCustomer = false }: RefundTableProps) => {
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
      {showCustomer && (
        <DataTable.Col source="customerId" disableSort>
          <CustomerField />
        </DataTable.Col>
      )}
      <DataTable.Col source="amount" align="right">
        <MoneyField source="amount" />
      </DataTable.Col>
      <DataTable.Col source="method" disableSort>
        <EnumField source="method" enumName="refundMethod" variant="text" />
      </DataTable.Col>
      <DataTable.Col source="payoutReference" disableSort>
        <TextField source="payoutReference" sx={{ fontFamily: 'monospace' }} />
      </DataTable.Col>
      <DataTable.Col source="status">
        <EnumField source="status" enumName="refundStatus" />
      </DataTable.Col>
      <DataTable.Col source="createdById" disableSort>
        <StaffField source="createdById" />
      </DataTable.Col>
      <DataTable.Col source="approvedById" disableSort>
        <StaffField source="approvedById" />
      </DataTable.Col>
      {canDecideRefunds(me?.role) && (
        <DataTable.Col label="app.columns.decision" disableSort>
          <RefundDecisionButtons />
        </DataTable.Col>
      )}
    </DataTable>
  );
};
