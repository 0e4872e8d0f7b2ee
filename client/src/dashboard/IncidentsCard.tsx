import { formatInstant, type ReactivationIncident } from '@closure-desk/shared';
import { Box, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useLocale, useTranslate } from 'react-admin';

/**
 * For supervisors: terminated eSIM profiles the SM-DP+ reported installed, enabled or downloaded
 * again. Nothing was applied (the profile stays terminated); each row is an incident to look into.
 */
export const IncidentsCard = ({ incidents }: { incidents: { total: number; latest: ReactivationIncident[] } }) => {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Card variant="outlined" className="reactivation-incidents" data-total={incidents.total}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="subtitle2" color="text.secondary">
            {translate('app.dashboard.incidents')}
          </Typography>
          {incidents.total ? <Chip size="small" color="error" label={translate('app.dashboard.incidents_total', { smart_count: incidents.total })} /> : null}
        </Box>
        {incidents.latest.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.dashboard.incidents_none')}
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.audit-events.fields.at')}</TableCell>
                  <TableCell>ICCID</TableCell>
                  <TableCell>{translate('app.dashboard.incident_point')}</TableCell>
                  <TableCell>{translate('resources.audit-events.fields.reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {incidents.latest.map((row) => (
                  <TableRow key={row.id} className="incident-row" data-profile-id={row.profileId}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.at ? formatInstant(row.at, locale) : ''}</TableCell>
                    <TableCell>
                      <Link to={`/esim-profiles/${row.profileId}/show`}>{row.iccid ?? row.profileId}</Link>
                    </TableCell>
                    <TableCell>
                      {row.notificationPointId !== null ? translate(`app.dashboard.incident_points.${row.notificationPointId}`, { _: String(row.notificationPointId) }) : ''}
                    </TableCell>
                    <TableCell>{row.reason ?? ''}</TableCell>
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
