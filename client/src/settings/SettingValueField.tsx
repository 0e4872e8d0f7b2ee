import { Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { minorToMajorText } from '../common/MoneyInput';

/** How each business setting counts; one the console does not know yet is shown as a plain number. */
export const SETTING_UNITS: Record<string, 'amount' | 'days' | 'hours' | 'minutes' | 'per_minute'> = {
  slaDays: 'days',
  refundApprovalThreshold: 'amount',
  refundApprovalThresholdCNY: 'amount',
  refundApprovalThresholdUSD: 'amount',
  refundApprovalThresholdEUR: 'amount',
  refundApprovalThresholdHKD: 'amount',
  refundApprovalThresholdGBP: 'amount',
  quarantineDays: 'days',
  retentionDays: 'days',
  sessionIdleMinutes: 'minutes',
  sessionAbsoluteHours: 'hours',
  intakeRateLimitPerMinute: 'per_minute',
  appealDays: 'days',
  infoReminderDays: 'days',
  infoTimeoutDays: 'days',
};

export const unitOf = (id: unknown) => SETTING_UNITS[String(id)];

/** A setting's value in words, in its unit (a value of another kind as plain text). */
export function settingText(id: unknown, value: unknown, translate: (key: string, options?: object) => string): string {
  if (typeof value !== 'number') return JSON.stringify(value);
  const unit = unitOf(id);
  return unit === 'amount'
    ? translate('app.settings.amount', { amount: minorToMajorText(value) })
    : unit
      ? translate(`app.settings.${unit}`, { smart_count: value })
      : String(value);
}

/**
 * A business setting's value in words: the refund threshold is an amount in minor units of each
 * account's own currency (so no symbol), the others are counts of days, hours, minutes or calls.
 */
export const SettingValueField = ({ source }: FieldProps & { source: 'value' | 'defaultValue' }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value: unknown = record?.[source];
  if (typeof value === 'string') {
    // A list of roles (mfaRequiredRoles), comma-separated.
    const roles = value.split(',').filter(Boolean);
    return (
      <Typography component="span" variant="body2">
        {roles.length ? roles.map((r) => translate(`enums.role.${r}`, { _: r })).join(translate('app.list_separator')) : translate('app.settings.no_roles')}
      </Typography>
    );
  }
  if (typeof value !== 'number') return null;
  const text = settingText(record?.id, value, translate);
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Typography>
  );
};

/** The setting's name and what it does, in the console's language (the key when unknown). */
export const SettingNameField = (_props: Partial<FieldProps>) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <Typography component="span" variant="body2" sx={{ display: 'block' }}>
        {translate(`app.settings.names.${String(record.id)}`, { _: String(record.id) })}
      </Typography>
      <Typography component="span" variant="caption" color="text.secondary">
        {translate(`app.settings.help.${String(record.id)}`, { _: '' })}
      </Typography>
    </>
  );
};

export const SettingTitle = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return <>{record ? translate(`app.settings.names.${String(record.id)}`, { _: String(record.id) }) : ''}</>;
};
