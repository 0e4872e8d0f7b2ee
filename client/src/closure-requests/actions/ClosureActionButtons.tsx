import { useEffect, useRef, useState, type ReactElement } from 'react';
import { Button, Stack, Tooltip } from '@mui/material';
import ApproveIcon from '@mui/icons-material/CheckCircleOutlined';
import AssignIcon from '@mui/icons-material/AssignmentIndOutlined';
import ClaimIcon from '@mui/icons-material/PanToolOutlined';
import CompleteIcon from '@mui/icons-material/TaskAlt';
import RejectIcon from '@mui/icons-material/BlockOutlined';
import ReopenIcon from '@mui/icons-material/Replay';
import RequestInfoIcon from '@mui/icons-material/ForwardToInboxOutlined';
import ResumeIcon from '@mui/icons-material/PlayArrowOutlined';
import VerifyIcon from '@mui/icons-material/VerifiedUserOutlined';
import WithdrawIcon from '@mui/icons-material/UndoOutlined';
import { availableActions, type ClosureAction, type ClosureStatus } from '@closure-desk/shared';
import { useRecordContext, useTranslate } from 'react-admin';
import { useMe } from '../../common/useRole';
import { RecordRefundButton } from '../RecordRefundButton';
import { useChecks } from '../useChecks';
import { localToday } from '../../common/today';
import type { ClosureCheck } from '../../dataProvider';
import { ClosureActionDialog } from './ClosureActionDialog';

const ICONS: Record<ClosureAction, ReactElement> = {
  claim: <ClaimIcon />,
  assign: <AssignIcon />,
  'request-info': <RequestInfoIcon />,
  resume: <ResumeIcon />,
  'verify-identity': <VerifyIcon />,
  approve: <ApproveIcon />,
  reject: <RejectIcon />,
  withdraw: <WithdrawIcon />,
  complete: <CompleteIcon />,
  reopen: <ReopenIcon />,
  'retry-termination': <ReopenIcon />,
};

const MAIN: readonly ClosureAction[] = ['claim', 'approve', 'complete'];

/**
 * The checks that already make the action fail, whatever the dialog says: approval needs the
 * identity and the bills (the balance and the date are chosen in its dialog); completion needs the
 * bills, the refunds and the effective date reached.
 */
function blockersOf(action: ClosureAction, checks: ClosureCheck[] | undefined, effectiveDate: unknown): ClosureCheck[] {
  if (!checks) return [];
  const failing = (ids: string[]) => checks.filter((c) => ids.includes(c.id) && !c.ok && c.blocking);
  if (action === 'approve') return failing(['identity_verified', 'no_outstanding_bills']);
  if (action === 'complete') {
    const blocked = failing(['no_outstanding_bills', 'refunds_settled']);
    if (typeof effectiveDate === 'string' && effectiveDate > localToday()) {
      blocked.push({ id: 'effective_date_reached' as ClosureCheck['id'], ok: false, blocking: true, detail: '' });
    }
    return blocked;
  }
  return [];
}
const DESTRUCTIVE: readonly ClosureAction[] = ['reject', 'withdraw'];

/**
 * The buttons of what this user may do with the request now: the shared workflow's
 * `availableActions` decides (role, state, assignee), the server checks again. Recording a refund
 * belongs to finishing an approved refund decision, so it shows to whoever may complete, until
 * the checklist says the refunds are settled.
 */
export const ClosureActionButtons = () => {
  const record = useRecordContext();
  const me = useMe();
  const translate = useTranslate();
  const [current, setCurrent] = useState<ClosureAction | null>(null);
  const { data: checks } = useChecks(record);
  const group = useRef<HTMLDivElement>(null);
  const acted = useRef(false);
  // A dialog hands the focus back to the button that opened it (MUI's focus trap). Once its action
  // has gone through, that button usually goes (a claimed request offers no claim): the focus would
  // fall to the page's start, so it moves to the next step's button instead (issue 19).
  const stateKey = `${String(record?.status)}:${String(record?.assigneeId)}`;
  useEffect(() => {
    if (!acted.current) return;
    acted.current = false;
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused.isConnected) return;
    const buttons = group.current?.querySelectorAll<HTMLElement>('button:not([aria-disabled="true"])');
    const next = [...(buttons ?? [])].find((b) => MAIN.includes(b.dataset.action as ClosureAction)) ?? buttons?.[0];
    next?.focus();
  }, [stateKey]);
  if (!record || !me) return null;
  const state = { status: record.status as ClosureStatus, assigneeId: (record.assigneeId as number | null) ?? null };
  const actions = availableActions(me, state);
  const refundsSettled = checks?.find((c) => c.id === 'refunds_settled')?.ok ?? false;
  const canRefund = record.balanceDecision === 'refund' && actions.includes('complete') && !refundsSettled;
  if (actions.length === 0 && !canRefund) return null;
  return (
    <Stack ref={group} direction="row" className="closure-actions" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      {canRefund ? <RecordRefundButton /> : null}
      {actions.map((action) => {
        const blockers = blockersOf(action, checks, record.effectiveDate);
        const blocked = blockers.length > 0;
        const reason = blocked
          ? translate('app.actions.blocked_by', {
              checks: blockers.map((c) => translate(`app.checks.${c.id}`)).join(translate('app.list_separator')),
              steps: blockers.map((c) => translate(`app.check_help.${c.id}`)).join(' '),
            })
          : '';
        // MUI's Button, not react-admin's: the label stays visible on a phone, where react-admin shows an icon only.
        // A blocked action stays focusable (aria-disabled, not disabled) so the keyboard reaches its reason.
        const button = (
          <Button
            key={action}
            size="small"
            startIcon={ICONS[action]}
            onClick={blocked ? undefined : () => setCurrent(action)}
            aria-disabled={blocked || undefined}
            aria-description={blocked ? reason : undefined}
            variant={MAIN.includes(action) ? 'contained' : 'outlined'}
            color={DESTRUCTIVE.includes(action) ? 'error' : 'primary'}
            className={`action-${action}${blocked ? ' action-blocked' : ''}`}
            data-action={action}
            sx={blocked ? { opacity: 0.5, cursor: 'not-allowed' } : undefined}
          >
            {translate(`app.actions.${action}.label`)}
          </Button>
        );
        return blocked ? (
          <Tooltip key={action} title={reason} describeChild>
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
      {current ? <ClosureActionDialog action={current} request={record} open onClose={() => setCurrent(null)} onDone={() => (acted.current = true)} /> : null}
    </Stack>
  );
};
