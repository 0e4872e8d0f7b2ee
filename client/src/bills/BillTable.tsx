import { DataTable } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DayField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { useMe } from '../common/useRole';
import { canWaiveBills } from '../permissions';
import { WaiveBillButton } from './WaiveBillButton';

/**
 * Bills as rows with what is still owed on each; in a customer's or a request's tab the customer
 * column is left out. Supervisors get Waive on bills with something outstanding.
 */
export const BillTable = ({ showCustomer = false }: { showCustomer?: boolean }) => {
  const me = useMe();
  return (
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="billNo" />
      {showCustomer && (
        <DataTable.Col source="customerId" disableSort>
          <CustomerField />
        </DataTable.Col>
      )}
      <DataTable.Col source="periodStart">
        <DayField source="periodStart" />
      </DataTable.Col>
      <DataTable.Col source="periodEnd" disableSort>
        <DayField source="periodEnd" />
      </DataTable.Col>
      <DataTable.Col source="amountDue" align="right">
        <MoneyField source="amountDue" />
      </DataTable.Col>
      <DataTable.Col source="amountPaid" align="right" disableSort>
        <MoneyField source="amountPaid" />
      </DataTable.Col>
      <DataTable.Col source="outstanding" align="right" disableSort>
        <MoneyField source="outstanding" alertIfPositive />
      </DataTable.Col>
      <DataTable.Col source="dueDate">
        <DayField source="dueDate" />
      </DataTable.Col>
      <DataTable.Col source="status">
        <EnumField source="status" enumName="billStatus" />
      </DataTable.Col>
      {canWaiveBills(me?.role) && (
        <DataTable.Col label="app.columns.actions" disableSort>
          <WaiveBillButton />
        </DataTable.Col>
      )}
    </DataTable>
  );
};
