import { Card, CardContent, List, ListItem, ListItemButton, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { OPEN_STATUSES } from '@closure-desk/shared';
import { Link, RecordContextProvider, useGetList, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { SlaCountdownField } from '../closure-requests/SlaCountdownField';
import { listUrl, URGENT_FIRST } from '../common/listUrl';

/** The next requests on my desk, the most urgent first. */
export const MyQueue = ({ staffId }: { staffId: number }) => {
  const translate = useTranslate();
  const filter = { assigneeId: staffId, status: [...OPEN_STATUSES] };
  const { data, isPending } = useGetList('closure-requests', {
    filter,
    sort: { field: 'dueAt', order: 'ASC' },
    pagination: { page: 1, perPage: 8 },
  });
  return (
    <Card variant="outlined" className="my-queue">
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" gutterBottom>
          {translate('app.dashboard.my_queue')}
        </Typography>
        {isPending ? <Skeleton variant="rounded" height={120} /> : null}
        {data && data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.dashboard.queue_empty')}
          </Typography>
        ) : null}
        <List dense disablePadding>
          {(data ?? []).map((request) => (
            <RecordContextProvider key={request.id} value={request}>
              {/* A list holds <li> items only (axe "list"): each link sits in one. */}
              <ListItem disablePadding>
              <ListItemButton component={Link} to={`/closure-requests/${request.id}/show`} className="queue-item" divider sx={{ gap: 1, flexWrap: 'wrap' }}>
                <ListItemText
                  primary={`${String(request.reference)} · ${String(request.customerName ?? '')}`}
                  sx={{ my: 0, minWidth: 200 }}
                />
                <Stack direction="row" spacing={1} component="span" sx={{ alignItems: 'center' }}>
                  <EnumField source="status" enumName="closureStatus" />
                  <SlaCountdownField />
                </Stack>
              </ListItemButton>
              </ListItem>
            </RecordContextProvider>
          ))}
        </List>
        <Link to={listUrl('closure-requests', filter, URGENT_FIRST)}>{translate('app.dashboard.see_all')}</Link>
      </CardContent>
    </Card>
  );
};
