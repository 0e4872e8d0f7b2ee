import { useState, type ReactNode } from 'react';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { NOTE_MAX_LENGTH } from '@closure-desk/shared';
import { Button, useTranslate } from 'react-admin';
import { describeApiError } from './apiErrors';

interface ReasonDialogProps {
  title: string;
  explain?: ReactNode;
  label: string;
  confirmLabel: string;
  /** A reason is required unless this is false (an approval's note is optional). */
  required?: boolean;
  confirmColor?: 'primary' | 'error';
  onConfirm: (text: string) => Promise<void>;
  onClose: () => void;
  className?: string;
  /** Shown under the field once `onConfirm` resolved, in place of the form (a revealed value). */
  children?: ReactNode;
}

/**
 * Asks for a reason (or a note) before a command that needs one: waiving a bill, revealing
 * personal data, deciding a refund. Server errors stay in the dialog.
 */
export const ReasonDialog = ({
  title,
  explain,
  label,
  confirmLabel,
  required = true,
  confirmColor = 'primary',
  onConfirm,
  onClose,
  className,
  children,
}: ReasonDialogProps) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (required && !text.trim()) {
      setError(translate('ra.validation.required'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(text.trim());
    } catch (e) {
      setFailure(describeApiError(e, translate));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="reason-title" className={className}>
      <DialogTitle id="reason-title">{title}</DialogTitle>
      <DialogContent>
        {explain ? <DialogContentText sx={{ mb: 2 }}>{explain}</DialogContentText> : null}
        {children ?? (
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            name="reason"
            label={label + (required ? ' *' : '')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            error={Boolean(error)}
            helperText={error ?? ' '}
            disabled={busy}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX_LENGTH } }}
          />
        )}
        {failure ? (
          <Alert severity="error" className="action-error">
            {failure}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        {children ? (
          <Button label="ra.action.close" onClick={onClose} variant="contained" />
        ) : (
          <>
            <Button label="ra.action.cancel" onClick={onClose} disabled={busy} />
            <Button label={confirmLabel} variant="contained" color={confirmColor} onClick={confirm} disabled={busy} className="confirm-reason" />
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
