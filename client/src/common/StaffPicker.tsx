import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumLabelKey } from './enums';
import { useStaffDirectory } from './useStaffDirectory';

interface StaffPickerProps {
  value: number | '';
  onChange: (id: number | '') => void;
  error?: string;
  disabled?: boolean;
}

/** Chooses an active agent or supervisor from `GET /api/staff-directory`. */
export const StaffPicker = ({ value, onChange, error, disabled }: StaffPickerProps) => {
  const translate = useTranslate();
  const { data = [], isPending } = useStaffDirectory();
  return (
    <TextField
      select
      fullWidth
      name="assigneeId"
      label={translate('app.fields.assignee')}
      value={isPending ? '' : value}
      onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
      error={Boolean(error)}
      helperText={error ?? ' '}
      disabled={disabled || isPending}
      slotProps={{ select: { MenuProps: { slotProps: { paper: { className: 'staff-picker-menu' } } } } }}
    >
      {data.map((s) => (
        <MenuItem key={s.id} value={s.id} data-staff-id={s.id}>
          {s.fullName} · {translate(enumLabelKey('role', s.role))}
        </MenuItem>
      ))}
    </TextField>
  );
};
