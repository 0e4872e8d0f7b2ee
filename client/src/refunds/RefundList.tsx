import { AutocompleteInput, FilterButton, List, ReferenceInput, SelectInput, TopToolbar } from 'react-admin';
import { enumChoices } from '../common/enums';
import { MineFilterButton } from '../common/MineFilterButton';
import { RefundTable } from './RefundTable';

/** API.md's refund filters; `createdById` is the "Recorded by me" button. */
const refundFilters = [
  <SelectInput key="status" source="status" choices={enumChoices('refundStatus')} alwaysOn />,
  <ReferenceInput key="closureRequestId" source="closureRequestId" reference="closure-requests" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

const RefundListActions = () => (
  <TopToolbar>
    <MineFilterButton source="createdById" label="app.filters.recorded_by_me" />
    <FilterButton />
  </TopToolbar>
);

export const RefundList = () => (
  <List
    filters={refundFilters}
    actions={<RefundListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    exporter={false}
  >
    <RefundTable showRequest showCustomer />
  </List>
);
