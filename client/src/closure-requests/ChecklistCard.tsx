import { Alert, Box, Chip, List, ListItem, ListItemIcon, ListItemText, Skeleton, Typography } from '@mui/material';
import OkIcon from '@mui/icons-material/CheckCircle';
import BlockIcon from '@mui/icons-material/Cancel';
import WarnIcon from '@mui/icons-material/WarningAmber';
import { useRecordContext, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import type { ClosureCheck } from '../dataProvider';
import { useChecks } from './useChecks';

const stateOf = (check: ClosureCheck) => (check.ok ? 'ok' : check.blocking ? 'blocking' : 'warning');

/**
 * What must hold before the account closes (`GET .../checks`): each condition met, blocking
 * (approval or completion will be refused) or a warning (never stops anything), with what to do
 * about it and the server's own account of why (in English: the API has no language).
 */
export const ChecklistCard = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const { data, error, isPending } = useChecks(record);
  if (!record) return null;
  const blocking = data?.filter((c) => stateOf(c) === 'blocking').length ?? 0;
  return (
    <Box component="section" className="checklist" aria-labelledby="checklist-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="checklist-title" variant="subtitle2" color="text.secondary" sx={{ textTransform: 'uppercase' }}>
          {translate('app.sections.checklist')}
        </Typography>
        {data ? (
          <Chip
            size="small"
            variant="outlined"
            color={blocking ? 'error' : 'success'}
            label={blocking ? translate('app.checks.blocking_count', { smart_count: blocking }) : translate('app.checks.all_clear')}
          />
        ) : null}
      </Box>
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {isPending ? <Skeleton variant="rounded" height={180} /> : null}
      <List dense disablePadding>
        {(data ?? []).map((check) => {
          const state = stateOf(check);
          return (
            <ListItem key={check.id} disableGutters data-check={check.id} data-state={state} className={`check check-${state}`}>
              <ListItemIcon sx={{ minWidth: 32 }}>
                {state === 'ok' ? (
                  <OkIcon color="success" fontSize="small" />
                ) : state === 'blocking' ? (
                  <BlockIcon color="error" fontSize="small" />
                ) : (
                  <WarnIcon color="warning" fontSize="small" />
                )}
              </ListItemIcon>
              <ListItemText
                primary={
                  <>
                    {translate(`app.checks.${check.id}`)}
                    {state !== 'ok' ? (
                      <Typography component="span" variant="caption" sx={{ ml: 1, color: state === 'blocking' ? 'error.main' : 'warning.main', fontWeight: 600 }}>
                        {translate(`app.checks.${state}`)}
                      </Typography>
                    ) : null}
                  </>
                }
                secondary={
                  <>
                    {state !== 'ok' ? (
                      <Box component="span" sx={{ display: 'block', color: 'text.primary' }}>
                        {translate(`app.check_help.${check.id}`)}
                      </Box>
                    ) : null}
                    <Box component="span" className="check-detail" sx={{ display: 'block' }}>
                      {check.detail}
                    </Box>
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
    </Box>
  );
};
