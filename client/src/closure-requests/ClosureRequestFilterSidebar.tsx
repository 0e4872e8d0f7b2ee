import { Card, CardContent } from '@mui/material';
import AssignmentIndIcon from '@mui/icons-material/AssignmentIndOutlined';
import ChannelIcon from '@mui/icons-material/ForumOutlined';
import StatusIcon from '@mui/icons-material/FlagOutlined';
import { CHANNELS, CLOSURE_STATUSES, OPEN_STATUSES } from '@closure-desk/shared';
import { FilterList } from 'react-admin';
import { FilterListItem, SavedQueriesList } from '../common/FilterSidebarItems';
import { enumLabelKey } from '../common/enums';
import { isWorker, useMe } from '../common/useRole';

/**
 * The queue's sidebar: the user's saved queries, then one click per status, channel, "assigned
 * to me" and "overdue" (free-text search stays in the toolbar). Hidden on a phone, where the
 * toolbar's filters remain.
 */
export const ClosureRequestFilterSidebar = () => {
  const me = useMe();
  return (
    <Card
      className="closure-request-filters"
      sx={{ display: { xs: 'none', md: 'block' }, order: -1, mr: 1, mt: 2, width: 190, flexShrink: 0, alignSelf: 'flex-start' }}
    >
      <CardContent sx={{ pt: 1 }}>
        <SavedQueriesList />
        <FilterList label="app.filters.handling" icon={<AssignmentIndIcon />}>
          {isWorker(me?.role) && me ? <FilterListItem label="app.filters.mine" value={{ assigneeId: me.id }} /> : null}
          <FilterListItem label="app.filters.open" value={{ status: [...OPEN_STATUSES] }} />
          <FilterListItem label="app.overdue" value={{ overdue: true }} />
        </FilterList>
        <FilterList label="resources.closure-requests.fields.status" icon={<StatusIcon />}>
          {CLOSURE_STATUSES.map((status) => (
            <FilterListItem key={status} label={enumLabelKey('closureStatus', status)} value={{ status }} />
          ))}
        </FilterList>
        <FilterList label="resources.closure-requests.fields.channel" icon={<ChannelIcon />}>
          {CHANNELS.map((channel) => (
            <FilterListItem key={channel} label={enumLabelKey('channel', channel)} value={{ channel }} />
          ))}
        </FilterList>
      </CardContent>
    </Card>
  );
};
