import { AutocompleteInput, List, ReferenceInput, SelectInput } from 'react-admin';
import { enumChoices } from '../common/enums';
import { EsimProfileTable } from './EsimProfileTable';

const esimProfileFilters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="networkState" source="networkState" choices={enumChoices('networkState')} alwaysOn />,
];

export const EsimProfileList = () => (
  <List filters={esimProfileFilters} sort={{ field: 'id', order: 'DESC' }} exporter={false}>
    <EsimProfileTable showCustomer />
  </List>
);
