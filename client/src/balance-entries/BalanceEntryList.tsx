import { AutocompleteInput, List, ReferenceInput, SelectInput } from 'react-admin';
import { enumChoices } from '../common/enums';
import { BalanceEntryTable } from './BalanceEntryTable';
import { ListPagination } from '../common/ListPagination';

const balanceEntryFilters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="kind" source="kind" choices={enumChoices('ledgerKind')} alwaysOn />,
  <SelectInput key="bucket" source="bucket" choices={enumChoices('bucket')} />,
];

export const BalanceEntryList = () => (
  <List pagination={<ListPagination />} filters={balanceEntryFilters} sort={{ field: 'occurredAt', order: 'DESC' }} exporter={false}>
    <BalanceEntryTable showCustomer />
  </List>
);
