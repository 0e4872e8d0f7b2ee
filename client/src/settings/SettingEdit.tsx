import { Alert } from '@mui/material';
import { CheckboxGroupInput, Edit, NumberInput, SaveButton, SimpleForm, Toolbar, required, useNotify, useRecordContext, useRedirect, useTranslate, type RaRecord } from 'react-admin';
import { ROLES, settingRange, type SettingRange } from '@closure-desk/shared';
import { majorToMinor, MoneyInput } from '../common/MoneyInput';
import { rangeEnd, SettingNameField, SettingTitle, SettingValueField, unitOf } from './SettingValueField';

/** "-5" → -500 for an amount setting: a negative sum is out of range, not missing (majorToMinor drops the sign). */
const signedMinor = (value: unknown): number | null => {
  const text = value == null ? '' : String(value).trim();
  if (text === '') return null;
  const minor = majorToMinor(text.replace(/^-/, ''));
  return minor === null ? null : text.startsWith('-') ? -minor : minor;
};

/** Refuses a value outside the setting's range with the range in words, as the server would (400). */
const inRange = (range: SettingRange, words: { min: string; max: string }) => (value: unknown) =>
  typeof value === 'number' && (value < range.min || value > range.max) ? { message: 'app.settings.out_of_range', args: words } : undefined;

const ValueInput = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (typeof record?.value === 'string') {
    // mfaRequiredRoles: a comma-separated list of roles, edited as checkboxes.
    return (
      <CheckboxGroupInput
        source="value"
        choices={ROLES.map((r) => ({ id: r, name: translate(`enums.role.${r}`) }))}
        format={(v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : [])}
        parse={(v: unknown) => (Array.isArray(v) ? v.join(',') : '')}
      />
    );
  }
  const range = settingRange(String(record?.id));
  const amount = unitOf(record?.id) === 'amount';
  const words = range ? { min: rangeEnd(record?.id, range.min, translate), max: rangeEnd(record?.id, range.max, translate) } : undefined;
  const validate = range && words ? [required(), inRange(range, words)] : required();
  const allowed = words ? ` ${translate('app.settings.range', words)}` : '';
  if (amount) {
    return <MoneyInput source="value" parse={signedMinor} validate={validate} helperText={translate('app.settings.amount_help') + allowed} />;
  }
  return (
    <NumberInput source="value" min={range?.min} max={range?.max} step={1} validate={validate} helperText={translate('app.settings.whole_number') + allowed} />
  );
};

/** Settings are changed, never deleted: Save only. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** A guarded setting says so before it is changed, and while a change of it waits it cannot be proposed again. */
const FourEyesNote = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.fourEyes) return null;
  return (
    <Alert severity={record.pending ? 'warning' : 'info'} className="four-eyes-note" sx={{ mb: 2 }}>
      {translate(record.pending ? 'app.settings.already_pending' : 'app.settings.four_eyes_help')}
    </Alert>
  );
};

/**
 * An admin changes one setting (`PUT /api/settings/<key>`, audited); the server checks the range.
 * A guarded one (four eyes) is only proposed: it applies once another admin approves it.
 */
export const SettingEdit = () => {
  const notify = useNotify();
  const translate = useTranslate();
  const redirect = useRedirect();
  return (
    <Edit
      mutationMode="pessimistic"
      title={<SettingTitle />}
      transform={({ value }: RaRecord) => ({ value })}
      mutationOptions={{
        onSuccess: (data: RaRecord) => {
          notify(data.pending ? 'app.settings.proposed' : 'app.settings.applied', { type: 'success', messageArgs: { smart_count: 1, name: translate(`app.settings.names.${String(data.id)}`, { _: String(data.id) }) } });
          redirect('list', 'settings');
        },
      }}
    >
      {/* noValidate: the range is refused by the form's own validators, in the console's language, not by the browser's bubble */}
      <SimpleForm toolbar={<SaveOnly />} noValidate>
        <FourEyesNote />
        <SettingNameField />
        <ValueInput />
        <SettingValueField source="defaultValue" />
      </SimpleForm>
    </Edit>
  );
};
