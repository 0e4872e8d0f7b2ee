import { FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { CHANNEL_EVIDENCE, NOTE_MAX_LENGTH, type Channel } from '@closure-desk/shared';
import { useTranslate, type RaRecord } from 'react-admin';
import { enumLabelKey, type EnumName } from '../../common/enums';
import { StaffPicker } from '../../common/StaffPicker';
import { localToday } from '../../common/today';
import type { ActionField, FieldValues } from './actionFields';

interface ActionFieldInputProps {
  field: ActionField;
  request: RaRecord;
  values: FieldValues;
  onChange: (name: ActionField['name'], value: string | number) => void;
  error?: string;
  disabled?: boolean;
  /** Context shown under the balance decision: the customer's cash, formatted. */
  balanceHint?: string;
}

const ENUM_OF: Partial<Record<ActionField['name'], EnumName>> = {
  method: 'verificationMethod',
  balanceDecision: 'balanceDecision',
  reasonCode: 'rejectReasonCode',
};

/** One input of an action dialog, chosen by the body field it fills. */
export const ActionFieldInput = ({ field, request, values, onChange, error, disabled, balanceHint }: ActionFieldInputProps) => {
  const translate = useTranslate();
  const label = translate(`app.action_fields.${field.name}`) + (field.required ? ' *' : '');
  const value = values[field.name] ?? '';
  const helper = error ?? ' ';

  switch (field.name) {
    case 'assigneeId':
      return <StaffPicker value={value === '' ? '' : Number(value)} onChange={(id) => onChange('assigneeId', id)} error={error} disabled={disabled} />;

    case 'balanceDecision':
      return (
        <FormControl error={Boolean(error)} disabled={disabled} fullWidth sx={{ mb: 1 }}>
          <FormLabel id="balance-decision-label">{label}</FormLabel>
          <RadioGroup
            row
            name="balanceDecision"
            aria-labelledby="balance-decision-label"
            value={value}
            onChange={(e) => onChange('balanceDecision', e.target.value)}
          >
            {(field.options ?? []).map((option) => (
              <FormControlLabel key={option} value={option} control={<Radio />} label={translate(enumLabelKey('balanceDecision', option))} />
            ))}
          </RadioGroup>
          <FormHelperText>{error ?? balanceHint ?? ' '}</FormHelperText>
        </FormControl>
      );

    case 'method':
    case 'reasonCode': {
      const evidence = CHANNEL_EVIDENCE[request.channel as Channel];
      return (
        <TextField
          select
          fullWidth
          name={field.name}
          label={label}
          value={value}
          onChange={(e) => onChange(field.name, e.target.value)}
          error={Boolean(error)}
          helperText={field.name === 'method' && !error ? translate('app.action_fields.method_help', { channel: translate(enumLabelKey('channel', String(request.channel))) }) : helper}
          disabled={disabled}
        >
          {(field.options ?? []).map((option) => (
            <MenuItem key={option} value={option} disabled={field.name === 'method' && option !== evidence}>
              {translate(enumLabelKey(ENUM_OF[field.name]!, option))}
            </MenuItem>
          ))}
        </TextField>
      );
    }

    case 'effectiveDate':
      return (
        <TextField
          type="date"
          fullWidth
          name="effectiveDate"
          label={label}
          value={value}
          onChange={(e) => onChange('effectiveDate', e.target.value)}
          error={Boolean(error)}
          helperText={
            error ??
            (request.requestedEffectiveDate
              ? translate('app.action_fields.requested_date', { date: String(request.requestedEffectiveDate) })
              : ' ')
          }
          disabled={disabled}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: localToday() } }}
        />
      );

    case 'message':
    case 'note':
      return (
        <TextField
          fullWidth
          multiline
          minRows={field.name === 'message' ? 4 : 2}
          name={field.name}
          label={label}
          value={value}
          onChange={(e) => onChange(field.name, e.target.value)}
          error={Boolean(error)}
          helperText={error ?? (field.name === 'message' ? translate('app.action_fields.message_help') : ' ')}
          disabled={disabled}
          slotProps={{ htmlInput: { maxLength: NOTE_MAX_LENGTH } }}
        />
      );
  }
};
