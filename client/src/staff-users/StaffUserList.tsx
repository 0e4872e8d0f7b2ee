import { BooleanField, BooleanInput, CreateButton, DataTable, FilterButton, List, SelectInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../common/enums';

const staffUserFilters = [
  <SelectInput key="role" source="role" choices={enumChoices('role')} alwaysOn />,
  <BooleanInput key="active" source="active" defaultValue={true} />,
];

const StaffUserListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

/** Staff accounts (admins only): add one, or open one to change its role, activity or password. */
export const StaffUserList = () => (
  <List filters={staffUserFilters} actions={<StaffUserListActions />} sort={{ field: 'fullName', order: 'ASC' }} exporter={false}>
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
