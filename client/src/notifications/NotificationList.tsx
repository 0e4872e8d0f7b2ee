import { AutocompleteInput, List, ReferenceInput, SelectInput } from 'react-admin';
import { enumChoices } from '../common/enums';
import { NotificationTable } from './NotificationTable';
import { ListPagination } from '../common/ListPagination';

const notificationFilters = [
  <SelectInput key="status" source="status" choices={enumChoices('notificationStatus')} alwaysOn />,
  <ReferenceInput key="closureRequestId" source="closureRequestId" reference="closure-requests" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export const NotificationList = () => (
  <List pagination={<ListPagination />} filters={notificationFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <NotificationTable showRequest />
  </List>
);
