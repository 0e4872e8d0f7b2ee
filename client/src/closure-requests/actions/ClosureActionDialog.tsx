import { useState } from 'react';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, Stack } from '@mui/material';
import { formatMinor, type ClosureAction } from '@closure-desk/shared';
import { Button, useGetOne, useLocale, useNotify, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { checkLabel, describeApiError, failingChecks, isVersionConflict } from '../../common/apiErrors';
import { useApi } from '../../dataProvider';
import { ActionFieldInput } from './ActionFieldInput';
import { useChangedMeanwhile } from '../../live/useChangedMeanwhile';
import { actionFields, initialValues, validateAction, type FieldName, type FieldValues } from './actionFields';

interface ClosureActionDialogProps {
  action: ClosureAction;
  request: RaRecord;
  open: boolean;
  onClose: () => void;
  /** the action went through (called before onClose) */
  onDone?: () => void;
}

interface Failure {
  message: string;
  checks: string[];
}

/**
 * The dialog of one workflow action: the fields its body needs, then
 * `POST /closure-requests/<id>/actions/<action>` with the version the page holds.
 * A version conflict closes it and reloads the request; failing checks are named and it stays open.
 * Mounted for each opening, so it always starts from fresh values.
 */
export const ClosureActionDialog = ({ action, request, open, onClose, onDone }: ClosureActionDialogProps) => {
  const api = useApi();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const fields = actionFields(action);
  const [values, setValues] = useState<FieldValues>(() => initialValues(action, request));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  // The version the user saw when opening: a live refresh of the page must not carry the submit past a change
  // someone else made meanwhile (the server answers 409 version_conflict; the dialog says so before).
  const [openedVersion] = useState(() => Number(request.version));
  const changed = useChangedMeanwhile(Number(request.id), openedVersion, open);
  const needsBalance = fields.some((f) => f.name === 'balanceDecision');
  const { data: customer } = useGetOne('customers', { id: request.customerId }, { enabled: open && needsBalance });

  const change = (name: FieldName, value: string | number) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };

  const submit = async () => {
    const checked = validateAction(action, openedVersion, values, translate);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await api.closureAction(Number(request.id), action, checked.body as never);
      notify(`app.actions.${action}.done`, { type: 'success', messageArgs: { reference: request.reference } });
      onDone?.();
      onClose();
    } catch (error) {
      if (isVersionConflict(error)) {
        notify('app.errors.version_conflict', { type: 'warning' });
        onClose();
      } else {
        setFailure({ message: describeApiError(error, translate), checks: failingChecks(error) });
      }
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const balanceHint =
    customer && typeof customer.cashBalance === 'number'
      ? translate('app.action_fields.balance_hint', {
          cash: formatMinor(customer.cashBalance, String(customer.currency), locale),
          promo: formatMinor(Number(customer.promoBalance ?? 0), String(customer.currency), locale),
        })
      : undefined;

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`action-${action}-title`}
      className={`closure-action-dialog action-${action}`}
    >
      <DialogTitle id={`action-${action}-title`}>
        {translate(`app.actions.${action}.title`, { reference: request.reference })}
      </DialogTitle>
      <DialogContent>
        {changed ? (
          <Alert severity="warning" className="changed-meanwhile" sx={{ mb: 2 }}>
            {translate('app.live.changed_meanwhile', {
              name: changed.actorName ?? translate('app.live.someone'),
              status: translate(`enums.closureStatus.${changed.status}`),
            })}
          </Alert>
        ) : null}
        <DialogContentText sx={{ mb: 2 }}>{translate(`app.actions.${action}.explain`)}</DialogContentText>
        <Stack spacing={1}>
          {fields.map((field) => (
            <ActionFieldInput
              key={field.name}
              field={field}
              request={request}
              values={values}
              onChange={change}
              error={errors[field.name]}
              disabled={busy}
              balanceHint={balanceHint}
            />
          ))}
        </Stack>
        {failure ? (
          <Alert severity="error" className="action-error" sx={{ mt: 1 }}>
            {/* the cause and the next step in the server's words, then the checklist rows they concern */}
            {failure.message}
            {failure.checks.length ? (
              <List dense disablePadding sx={{ listStyle: 'disc', pl: 2, mt: 0.5 }} aria-label={translate('app.errors.failing_checks')}>
                {failure.checks.map((id) => (
                  <ListItem key={id} disableGutters sx={{ display: 'list-item' }} data-check={id}>
                    {checkLabel(id, translate)}
                  </ListItem>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
        <Button
          label={`app.actions.${action}.confirm`}
          variant="contained"
          color={action === 'reject' || action === 'withdraw' ? 'error' : 'primary'}
          onClick={submit}
          disabled={busy}
          className="confirm-action"
        />
      </DialogActions>
    </Dialog>
  );
};
