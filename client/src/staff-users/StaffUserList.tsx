import { BooleanField, BooleanInput, DataTable, List, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../common/enums';

const staffUserFilters = [
  <SelectInput key="role" source="role" choices={enumChoices('role')} alwaysOn />,
  <BooleanInput key="active" source="active" defaultValue={true} />,
];

export const StaffUserList = () => (
  <List filters={staffUserFilters} sort={{ field: 'fullName', order: 'ASC' }} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="fullName" />
      <DataTable.Col source="email" />
      <DataTable.Col source="role">
        <EnumField source="role" enumName="role" />
      </DataTable.Col>
      <DataTable.Col source="active" disableSort>
        <BooleanField source="active" />
      </DataTable.Col>
      <DataTable.Col source="lastLoginAt">
        <DateTimeField source="lastLoginAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
