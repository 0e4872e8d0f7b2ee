import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { enumLabelKey } from '../common/enums';
import { queueUrl } from '../common/listUrl';
import type { WorkloadRow } from './types';

/** Open requests per person (agents and supervisors), busiest first; each row opens their queue. */
export const WorkloadTable = ({ rows }: { rows: WorkloadRow[] }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" className="workload">
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" gutterBottom>
          {translate('app.dashboard.workload')}
        </Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.dashboard.person')}</TableCell>
              <TableCell>{translate('resources.staff-users.fields.role')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.open')}</TableCell>
              <TableCell align="right">{translate('app.overdue')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.assigneeId} className="workload-row" data-assignee={row.assigneeId}>
                <TableCell>
                  <Link to={queueUrl({ assigneeId: row.assigneeId })}>
                    {row.fullName}
                  </Link>
                  {row.active ? null : (
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {translate('app.dashboard.inactive')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{translate(enumLabelKey('role', row.role))}</TableCell>
                <TableCell align="right" className="workload-open">{row.open}</TableCell>
                <TableCell align="right" sx={{ color: row.overdue ? 'error.main' : undefined, fontWeight: row.overdue ? 600 : undefined }}>
                  {row.overdue}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};
