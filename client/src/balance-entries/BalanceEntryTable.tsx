import { DataTable } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';

/** Ledger entries; amounts are signed (debits red, credits green). */
export const BalanceEntryTable = ({ showCustomer = false }: { showCustomer?: boolean }) => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="occurredAt">
      <DateTimeField source="occurredAt" />
    </DataTable.Col>
    {showCustomer && (
      <DataTable.Col source="customerId" disableSort>
        <CustomerField />
      </DataTable.Col>
    )}
    <DataTable.Col source="kind">
      <EnumField source="kind" enumName="ledgerKind" variant="text" />
    </DataTable.Col>
    <DataTable.Col source="bucket" disableSort>
      <EnumField source="bucket" enumName="bucket" variant="text" />
    </DataTable.Col>
    <DataTable.Col source="amount" align="right">
      <MoneyField source="amount" signed />
    </DataTable.Col>
    <DataTable.Col source="reference" disableSort />
  </DataTable>
);
