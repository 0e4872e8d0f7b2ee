import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import PaymentsIcon from '@mui/icons-material/PaymentsOutlined';
import { formatMinor, NOTE_MAX_LENGTH, REFUND_METHODS, refundableAmount } from '@closure-desk/shared';
import {
  Button,
  useGetList,
  useGetOne,
  useLocale,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { enumLabelKey } from '../common/enums';
import { newIdempotencyKey } from '../common/idempotencyKey';
import { majorToMinor, minorToMajorText } from '../common/MoneyInput';
import { useApi } from '../dataProvider';

/** Refundable = cash balance − this request's refunds still waiting for approval (DOMAIN.md "Money", shared refund-workflow). */
function useRefundable(request: RaRecord, enabled: boolean) {
  const { data: customer, isPending: customerPending } = useGetOne('customers', { id: request.customerId }, { enabled });
  const { data: pending = [], isPending: refundsPending } = useGetList(
    'refunds',
    {
      filter: { closureRequestId: request.id, status: 'pending_approval' },
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'id', order: 'ASC' },
    },
    { enabled },
  );
  if (customerPending || refundsPending || !customer) return null;
  const cash = Number(customer.cashBalance);
  const waiting = pending.reduce((sum, r) => sum + Number(r.amount), 0);
  return { cash, waiting, refundable: refundableAmount(cash, waiting), currency: String(customer.currency) };
}

const RecordRefundDialog = ({ request, onClose }: { request: RaRecord; onClose: () => void }) => {
  const api = useApi();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  // One key per opening of the dialog: a double click, or a retry after a lost answer, replays
  // the first answer on the server instead of paying twice.
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);
  const money = useRefundable(request, true);
  // The threshold of the account's currency, stated before the refund is typed (shared refund-workflow decides).
  const [threshold, setThreshold] = useState<number | null>(null);
  const currency = money?.currency;
  useEffect(() => {
    if (!currency) return;
    let live = true;
    api.getRefundThreshold(currency).then((t) => { if (live) setThreshold(t.threshold); }, () => undefined);
    return () => { live = false; };
  }, [api, currency]);
  const [amount, setAmount] = useState<string | null>(null);
  const [method, setMethod] = useState<string>('original_payment');
  const [payoutReference, setPayoutReference] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const shownAmount = amount ?? (money ? minorToMajorText(money.refundable) : '');
  const fmt = (minor: number) => (money ? formatMinor(minor, money.currency, locale) : '');

  const submit = async () => {
    if (!money) return;
    const minor = majorToMinor(shownAmount);
    const found: Record<string, string> = {};
    if (minor === null || minor <= 0) found.amount = translate('app.refund.amount_invalid');
    else if (minor > money.refundable) found.amount = translate('app.refund.amount_too_high', { max: fmt(money.refundable) });
    if (!payoutReference.trim()) found.payoutReference = translate('ra.validation.required');
    setErrors(found);
    if (Object.keys(found).length || minor === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const refund = await api.recordRefund(
        { closureRequestId: Number(request.id), amount: minor, method, payoutReference: payoutReference.trim(), note: note.trim() || undefined },
        idempotencyKey,
      );
      notify(refund.status === 'pending_approval' ? 'app.refund.pending' : 'app.refund.recorded', {
        type: 'success',
        messageArgs: { amount: fmt(minor) },
      });
      refresh();
      onClose();
    } catch (error) {
      setFailure(describeApiError(error, translate));
      refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="refund-title" className="record-refund-dialog">
      <DialogTitle id="refund-title">{translate('app.refund.title', { reference: request.reference })}</DialogTitle>
      <DialogContent>
        {money ? (
          <Box
            className="refundable"
            data-refundable={money.refundable}
            sx={{ display: 'grid', gridTemplateColumns: 'auto auto', columnGap: 2, rowGap: 0.5, mb: 2, justifyContent: 'start' }}
          >
            <Typography variant="body2" color="text.secondary">{translate('app.refund.cash')}</Typography>
            <Typography variant="body2">{fmt(money.cash)}</Typography>
            <Typography variant="body2" color="text.secondary">{translate('app.refund.waiting')}</Typography>
            <Typography variant="body2">{fmt(money.waiting)}</Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>{translate('app.refund.refundable')}</Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }} className="refundable-amount">{fmt(money.refundable)}</Typography>
          </Box>
        ) : null}
        {money && threshold !== null ? (
          <Alert severity="info" className="refund-threshold" data-threshold={threshold} sx={{ mb: 2 }}>
            {translate('app.refund.threshold', { threshold: fmt(threshold) })}
          </Alert>
        ) : null}
        <Stack spacing={1}>
          <TextField
            name="amount"
            label={`${translate('resources.refunds.fields.amount')} (${money?.currency ?? ''}) *`}
            value={shownAmount}
            onChange={(e) => setAmount(e.target.value)}
            error={Boolean(errors.amount)}
            helperText={errors.amount ?? translate('app.refund.amount_help')}
            disabled={busy || !money}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField select name="method" label={`${translate('resources.refunds.fields.method')} *`} value={method} onChange={(e) => setMethod(e.target.value)} disabled={busy} helperText=" ">
            {REFUND_METHODS.map((m) => (
              <MenuItem key={m} value={m}>
                {translate(enumLabelKey('refundMethod', m))}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            name="payoutReference"
            label={`${translate('resources.refunds.fields.payoutReference')} *`}
            value={payoutReference}
            onChange={(e) => setPayoutReference(e.target.value)}
            error={Boolean(errors.payoutReference)}
            helperText={errors.payoutReference ?? ' '}
            disabled={busy}
            slotProps={{ htmlInput: { maxLength: 64 } }}
          />
          <TextField
            name="note"
            label={translate('resources.refunds.fields.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            multiline
            minRows={2}
            disabled={busy}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX_LENGTH } }}
          />
        </Stack>
        {failure ? (
          <Alert severity="error" className="action-error" sx={{ mt: 1 }}>
            {failure}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
        <Button label="app.refund.confirm" variant="contained" onClick={submit} disabled={busy || !money} className="confirm-refund" />
      </DialogActions>
    </Dialog>
  );
};

/** Records a refund of an approved request whose balance decision is `refund`. */
export const RecordRefundButton = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <MuiButton size="small" startIcon={<PaymentsIcon />} onClick={() => setOpen(true)} variant="contained" className="record-refund">
        {translate('app.refund.button')}
      </MuiButton>
      {open ? <RecordRefundDialog request={record} onClose={() => setOpen(false)} /> : null}
    </>
  );
};
