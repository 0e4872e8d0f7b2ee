import { AutocompleteInput, FilterButton, List, ReferenceInput, SelectInput, TopToolbar } from 'react-admin';
import { enumChoices } from '../common/enums';
import { MineFilterButton } from '../common/MineFilterButton';
import { useMe } from '../common/useRole';
import { canDecideRefunds } from '../permissions';
import { RefundTable } from './RefundTable';
import { ListPagination } from '../common/ListPagination';

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

/**
 * Every refund; for supervisors it opens as their approval queue (waiting for approval, oldest
 * first, with Approve and Reject on each row).
 */
export const RefundList = () => {
  const me = useMe();
  if (!me) return null; // the default filter depends on the role
  const approver = canDecideRefunds(me.role);
  return (
    <List pagination={<ListPagination />}
      filters={refundFilters}
      filterDefaultValues={approver ? { status: 'pending_approval' } : {}}
      actions={<RefundListActions />}
      sort={approver ? { field: 'createdAt', order: 'ASC' } : { field: 'createdAt', order: 'DESC' }}
      exporter={false}
    >
      <RefundTable showRequest showCustomer />
    </List>
  );
};
