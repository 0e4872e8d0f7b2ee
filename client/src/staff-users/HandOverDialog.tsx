import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { StaffPicker } from '../common/StaffPicker';

export interface HandOverAsk {
  /** the member who stops working requests */
  staffId: number;
  name: string;
  /** how many open requests the server says they hold */
  openRequests: number;
}

interface HandOverDialogProps {
  ask: HandOverAsk | null;
  busy: boolean;
  onCancel: () => void;
  /** a colleague's id, or null: back to the queue */
  onConfirm: (handOverTo: number | null) => void;
}

/**
 * Asked when the server refuses to disable someone (or move them out of a working role) who still
 * holds open requests: where their work goes, to a named colleague or back to the queue. The count
 * is the server's, from its refusal, so it is what the change will move.
 */
export const HandOverDialog = ({ ask, busy, onCancel, onConfirm }: HandOverDialogProps) => {
  const translate = useTranslate();
  const [target, setTarget] = useState<'queue' | 'colleague'>('queue');
  const [colleague, setColleague] = useState<number | ''>('');
  const ready = target === 'queue' || colleague !== '';
  return (
    <Dialog open={ask !== null} onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm" aria-labelledby="hand-over-title" className="hand-over-dialog">
      <DialogTitle id="hand-over-title">
        {ask ? translate('app.staff.hand_over_title', { name: ask.name, smart_count: ask.openRequests }) : null}
      </DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('app.staff.hand_over_explain')}</DialogContentText>
        <RadioGroup
          name="hand-over-target"
          value={target}
          onChange={(e) => setTarget(e.target.value === 'colleague' ? 'colleague' : 'queue')}
        >
          <FormControlLabel value="queue" control={<Radio />} label={translate('app.staff.hand_over_queue')} disabled={busy} />
          <FormControlLabel value="colleague" control={<Radio />} label={translate('app.staff.hand_over_colleague')} disabled={busy} />
        </RadioGroup>
        {target === 'colleague' && ask ? (
          <StaffPicker value={colleague} onChange={setColleague} disabled={busy} excludeId={ask.staffId} />
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={onCancel} disabled={busy} />
        <Button
          label="app.staff.hand_over_confirm"
          variant="contained"
          className="hand-over-confirm"
          disabled={busy || !ready}
          onClick={() => onConfirm(target === 'queue' ? null : Number(colleague))}
        />
      </DialogActions>
    </Dialog>
  );
};
