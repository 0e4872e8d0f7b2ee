import { DataTable } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { EnumField } from '../common/EnumField';

/** eSIM profiles; one still installed on a device is a warning on the closure checklist. */
export const EsimProfileTable = ({ showCustomer = false }: { showCustomer?: boolean }) => (
  <DataTable rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="iccid" sx={{ fontFamily: 'monospace' }} />
    {showCustomer && (
      <DataTable.Col source="customerId" disableSort>
        <CustomerField />
      </DataTable.Col>
    )}
    <DataTable.Col source="msisdn" disableSort />
    <DataTable.Col source="deviceModel" disableSort />
    <DataTable.Col source="deviceState">
      <EnumField source="deviceState" enumName="deviceState" />
    </DataTable.Col>
    <DataTable.Col source="networkState">
      <EnumField source="networkState" enumName="networkState" />
    </DataTable.Col>
  </DataTable>
);
