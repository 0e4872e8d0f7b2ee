import { AutocompleteInput, List, ReferenceInput, SelectInput } from 'react-admin';
import { enumChoices } from '../common/enums';
import { BillTable } from './BillTable';
import { ListPagination } from '../common/ListPagination';

const billFilters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={enumChoices('billStatus')} alwaysOn />,
];

export const BillList = () => (
  <List pagination={<ListPagination />} filters={billFilters} sort={{ field: 'dueDate', order: 'DESC' }} exporter={false}>
    <BillTable showCustomer />
  </List>
);
