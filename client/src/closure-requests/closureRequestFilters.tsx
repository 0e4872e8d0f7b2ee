import { Box } from '@mui/material';
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
import { useMe } from '../common/useRole';
import { canReadAuditEvents } from '../permissions';
import { ExportButton } from '../audit-events/ExportButton';
import { NextRequestButton } from '../live/NextRequestButton';

/** The filters of API.md for closure-requests (`assigneeId` is the "Assigned to me" button). */
export const closureRequestFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('closureStatus')} />,
  <SelectInput key="channel" source="channel" choices={enumChoices('channel')} />,
  <BooleanInput key="overdue" source="overdue" defaultValue={true} />,
  <ReferenceInput key="customerId" source="customerId" reference="customers">
    <AutocompleteInput />
  </ReferenceInput>,
  <DateInput key="submittedAt_gte" source="submittedAt_gte" parse={startOfLocalDay} />,
  <DateInput key="submittedAt_lte" source="submittedAt_lte" parse={endOfLocalDay} />,
  <DateInput key="dueAt_lte" source="dueAt_lte" parse={endOfLocalDay} />,
];

/** "Assigned to me" sits in the sidebar at desk width; on a phone the sidebar is hidden, so here. */
export const ClosureRequestListActions = () => {
  const me = useMe();
  return (
    <TopToolbar>
      <NextRequestButton variant="outlined" />
      <Box sx={{ display: { xs: 'inline-flex', md: 'none' } }}>
        <MineFilterButton source="assigneeId" label="app.filters.mine" />
      </Box>
      <FilterButton />
      {canReadAuditEvents(me?.role) ? <ExportButton resource="closure-requests" /> : null}
    </TopToolbar>
  );
};
