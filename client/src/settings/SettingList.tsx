import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { useMe } from '../common/useRole';
import { canEditSettings } from '../permissions';
import { PendingChangeField } from './PendingChangeField';
import { SettingNameField, SettingValueField } from './SettingValueField';

/** The business settings (SLA days, refund threshold, quarantine, retention); admins change them, two admins the guarded ones. */
export const SettingList = () => {
  const me = useMe();
  return (
    <List pagination={false} exporter={false} sort={{ field: 'id', order: 'ASC' }}>
      <DataTable rowClick={canEditSettings(me?.role) ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="id" disableSort>
          <SettingNameField />
        </DataTable.Col>
        <DataTable.Col source="value" disableSort>
          <SettingValueField source="value" />
        </DataTable.Col>
        <DataTable.Col source="defaultValue" disableSort>
          <SettingValueField source="defaultValue" />
        </DataTable.Col>
        <DataTable.Col source="pending" disableSort>
          <PendingChangeField />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" disableSort>
          <DateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
