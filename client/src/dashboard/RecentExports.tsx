import { codeKey } from '../i18n/codes';
import { formatInstant } from '@closure-desk/shared';
import { Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocale, useTranslate } from 'react-admin';
import type { ExportRecord } from './types';

/** The latest exports of the audit trail and of closure records, from the audit trail itself. */
export const RecentExports = ({ rows }: { rows: ExportRecord[] }) => {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Card variant="outlined" className="recent-exports">
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" gutterBottom>
          {translate('app.dashboard.recent_exports')}
        </Typography>
        {rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.dashboard.no_exports')}
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.audit-events.fields.at')}</TableCell>
                  <TableCell>{translate('resources.audit-events.fields.actorEmail')}</TableCell>
                  <TableCell>{translate('app.dashboard.export_what')}</TableCell>
                  <TableCell>{translate('app.dashboard.export_format')}</TableCell>
                  <TableCell align="right">{translate('app.dashboard.export_rows')}</TableCell>
                  <TableCell>{translate('app.dashboard.export_outcome')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.id} className="export-row">
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {row.at ? formatInstant(row.at, locale) : ''}
                    </TableCell>
                    <TableCell>{row.actorEmail ?? '—'}</TableCell>
                    <TableCell>{translate(codeKey('auditAction', row.action), { _: row.action })}</TableCell>
                    <TableCell>{row.format?.toUpperCase() ?? ''}</TableCell>
                    <TableCell align="right">{row.rows?.toLocaleString(locale) ?? ''}</TableCell>
                    <TableCell sx={{ color: row.outcome === 'completed' ? undefined : 'warning.main' }}>
                      {row.outcome ? translate(`app.dashboard.outcomes.${row.outcome}`, { _: row.outcome }) : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
