import {
  AutocompleteInput,
  BooleanInput,
  DateInput,
  FilterButton,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { enumChoices } from '../common/enums';
import { MineFilterButton } from '../common/MineFilterButton';
import { endOfLocalDay, startOfLocalDay } from '../common/dates';

/** The filters of API.md for closure-requests (`assigneeId` is the "Assigned to me" button). */
export const closureRequestFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('closureStatus')} alwaysOn />,
  <SelectInput key="channel" source="channel" choices={enumChoices('channel')} />,
  <BooleanInput key="overdue" source="overdue" defaultValue={true} />,
  <ReferenceInput key="customerId" source="customerId" reference="customers">
    <AutocompleteInput />
  </ReferenceInput>,
  <DateInput key="submittedAt_gte" source="submittedAt_gte" parse={startOfLocalDay} />,
  <DateInput key="submittedAt_lte" source="submittedAt_lte" parse={endOfLocalDay} />,
  <DateInput key="dueAt_lte" source="dueAt_lte" parse={endOfLocalDay} />,
];

export const ClosureRequestListActions = () => (
  <TopToolbar>
    <MineFilterButton source="assigneeId" label="app.filters.mine" />
    <FilterButton />
  </TopToolbar>
);
