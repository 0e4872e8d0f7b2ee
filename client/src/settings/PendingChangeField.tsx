import { useState } from 'react';
import { Box, Typography } from '@mui/material';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { StopRowClick } from '../common/StopRowClick';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { canDecideSettings } from '../permissions';
import { settingText } from './SettingValueField';

type Decision = 'approve' | 'reject';

/**
 * Four eyes on a guarded setting: the change waiting for approval, who proposed it, and for every
 * admin Approve and Reject. The proposer cannot approve their own (the server refuses it too, 403
 * `same_person`); they may withdraw it with Reject.
 */
export const PendingChangeField = () => {
  const record = useRecordContext();
  const me = useMe();
  const api = useApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [busy, setBusy] = useState<Decision | null>(null);
  if (!record) return null;
  const pending = record.pending as { value: unknown; proposedById: number; proposedByName?: string | null } | null;
  if (!pending) {
    return record.fourEyes ? (
      <Typography component="span" variant="caption" color="text.secondary">{translate('app.settings.four_eyes')}</Typography>
    ) : null;
  }
  const own = pending.proposedById === me?.id;
  const who = own ? translate('app.me') : (pending.proposedByName ?? `#${pending.proposedById}`);
  const value = settingText(record.id, pending.value, translate);
  const decide = async (decision: Decision) => {
    setBusy(decision);
    try {
      await api.decideSettingChange(String(record.id), decision);
      notify(`app.settings.${decision}_done`, { type: 'success', messageArgs: { value } });
      refresh();
    } catch (error) {
      notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Box className="pending-setting-change" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Typography component="span" variant="body2">{translate('app.settings.pending', { value, name: who })}</Typography>
      {canDecideSettings(me?.role) ? (
        <StopRowClick>
          <Button
            label="app.settings.approve"
            onClick={() => decide('approve')}
            disabled={own || busy !== null}
            variant="contained"
            size="small"
            className="approve-setting"
            title={own ? translate('app.settings.own_proposal') : undefined}
          />
          <Button
            label={own ? 'app.settings.withdraw' : 'app.settings.reject'}
            onClick={() => decide('reject')}
            disabled={busy !== null}
            color="error"
            size="small"
            className="reject-setting"
          />
          {own ? (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
              {translate('app.settings.own_proposal')}
            </Typography>
          ) : null}
        </StopRowClick>
      ) : null}
    </Box>
  );
};
