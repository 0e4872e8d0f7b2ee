import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumLabelKey } from './enums';
import { useStaffDirectory } from './useStaffDirectory';

interface StaffPickerProps {
  value: number | '';
  onChange: (id: number | '') => void;
  error?: string;
  disabled?: boolean;
  /** someone who may not be chosen (the member whose work is being handed over) */
  excludeId?: number;
  label?: string;
}

/**
 * Chooses an active agent or supervisor from `GET /api/staff-directory`, each shown with the open
 * requests they hold (read afresh whenever a picker opens), so work goes to someone with room.
 */
export const StaffPicker = ({ value, onChange, error, disabled, excludeId, label }: StaffPickerProps) => {
  const translate = useTranslate();
  const { data: all = [], isPending } = useStaffDirectory({ fresh: true });
  const data = all.filter((s) => s.id !== excludeId);
  return (
    <TextField
      select
      fullWidth
      name="assigneeId"
      label={label ?? translate('app.fields.assignee')}
      value={isPending ? '' : value}
      onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
      error={Boolean(error)}
      helperText={error ?? ' '}
      disabled={disabled || isPending}
      slotProps={{ select: { MenuProps: { slotProps: { paper: { className: 'staff-picker-menu' } } } } }}
    >
      {data.map((s) => (
        <MenuItem key={s.id} value={s.id} data-staff-id={s.id}>
          {s.fullName} · {translate(enumLabelKey('role', s.role))} · {translate('app.staff_picker.load', { open: s.open, overdue: s.overdue })}
        </MenuItem>
      ))}
    </TextField>
  );
};
