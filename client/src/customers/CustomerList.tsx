import { DataTable, List, SimpleList } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { useIsSmall } from '../common/useIsSmall';
import { customerFilters } from './customerFilters';
import { ListPagination } from '../common/ListPagination';

/** Personal data (e-mail, phone, document) arrives masked; masked columns are not sortable. */
const CustomerTable = () => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="accountNo" />
    <DataTable.Col source="fullName" />
    <DataTable.Col source="phone" disableSort />
    <DataTable.Col source="status">
      <EnumField source="status" enumName="customerStatus" />
    </DataTable.Col>
    <DataTable.Col source="cashBalance" align="right">
      <MoneyField source="cashBalance" />
    </DataTable.Col>
    <DataTable.Col source="promoBalance" align="right">
      <MoneyField source="promoBalance" />
    </DataTable.Col>
    <DataTable.Col source="outstandingAmount" align="right">
      <MoneyField source="outstandingAmount" alertIfPositive />
    </DataTable.Col>
    <DataTable.Col source="createdAt">
      <DateTimeField source="createdAt" />
    </DataTable.Col>
  </DataTable>
);

const CustomerSimpleList = () => (
  <SimpleList
    rowClick="show"
    primaryText={(record) => record.fullName}
    secondaryText={(record) => record.accountNo}
    tertiaryText={() => <MoneyField source="cashBalance" />}
  />
);

export const CustomerList = () => {
  const isSmall = useIsSmall();
  return (
    <List pagination={<ListPagination />} filters={customerFilters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
      {isSmall ? <CustomerSimpleList /> : <CustomerTable />}
    </List>
  );
};
