import { useState } from 'react';
import { Typography } from '@mui/material';
import { decideRefundChecker, formatMinor } from '@closure-desk/shared';
import { Button, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { StopRowClick } from '../common/StopRowClick';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { canDecideRefunds } from '../permissions';

type Decision = 'approve' | 'reject';

/**
 * Maker-checker on a refund waiting for approval: a supervisor approves (note optional) or
 * rejects (note required). The one who recorded it is told another supervisor must decide;
 * the server refuses it anyway (403 same_person).
 */
export const RefundDecisionButtons = () => {
  const record = useRecordContext();
  const me = useMe();
  const api = useApi();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const [decision, setDecision] = useState<Decision | null>(null);
  if (!record || record.status !== 'pending_approval' || !canDecideRefunds(me?.role)) return null;
  if (!me || !decideRefundChecker(Number(record.createdById), me.id).ok) {
    return (
      <Typography variant="caption" color="text.secondary" className="own-refund" sx={{ whiteSpace: 'normal' }}>
        {translate('app.refund_decision.own')}
      </Typography>
    );
  }
  const amount = formatMinor(Number(record.amount), String(record.currency), locale);
  return (
    <StopRowClick>
      <Button label="app.refund_decision.approve" onClick={() => setDecision('approve')} variant="contained" size="small" className="approve-refund" />
      <Button label="app.refund_decision.reject" onClick={() => setDecision('reject')} color="error" size="small" className="reject-refund" />
      {decision ? (
        <ReasonDialog
          title={translate(`app.refund_decision.${decision}_title`, { amount })}
          explain={translate(`app.refund_decision.${decision}_explain`)}
          label={translate('app.refund_decision.note')}
          required={decision === 'reject'}
          confirmLabel={`app.refund_decision.${decision}`}
          confirmColor={decision === 'reject' ? 'error' : 'primary'}
          onConfirm={async (note) => {
            await api.decideRefund(Number(record.id), decision, note || undefined);
            notify(`app.refund_decision.${decision}_done`, { type: 'success', messageArgs: { amount } });
            setDecision(null);
            refresh();
          }}
          onClose={() => setDecision(null)}
          className={`refund-${decision}-dialog`}
        />
      ) : null}
    </StopRowClick>
  );
};
