import { AutocompleteInput, List, ReferenceInput, SelectInput } from 'react-admin';
import { enumChoices } from '../common/enums';
import { NotificationTable } from './NotificationTable';

const notificationFilters = [
  <SelectInput key="status" source="status" choices={enumChoices('notificationStatus')} alwaysOn />,
  <ReferenceInput key="closureRequestId" source="closureRequestId" reference="closure-requests" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export const NotificationList = () => (
  <List filters={notificationFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <NotificationTable showRequest />
  </List>
);
