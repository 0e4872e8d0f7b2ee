import { DataTable } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DayField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';

/** Bills as rows; in a customer's or a request's tab the customer column is left out. */
export const BillTable = ({ showCustomer = false }: { showCustomer?: boolean }) => (
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
    <DataTable.Col source="dueDate">
      <DayField source="dueDate" />
    </DataTable.Col>
    <DataTable.Col source="status">
      <EnumField source="status" enumName="billStatus" />
    </DataTable.Col>
  </DataTable>
);
