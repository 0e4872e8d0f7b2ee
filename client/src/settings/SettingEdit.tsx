import { Alert } from '@mui/material';
import { CheckboxGroupInput, Edit, NumberInput, SaveButton, SimpleForm, Toolbar, required, useNotify, useRecordContext, useRedirect, useTranslate, type RaRecord } from 'react-admin';
import { ROLES } from '@closure-desk/shared';
import { MoneyInput } from '../common/MoneyInput';
import { SettingNameField, SettingTitle, SettingValueField, unitOf } from './SettingValueField';

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
  if (unitOf(record?.id) === 'amount') {
    return <MoneyInput source="value" validate={required()} helperText={translate('app.settings.amount_help')} />;
  }
  return <NumberInput source="value" min={0} step={1} validate={required()} helperText={translate('app.settings.whole_number')} />;
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
      <SimpleForm toolbar={<SaveOnly />}>
        <FourEyesNote />
        <SettingNameField />
        <ValueInput />
        <SettingValueField source="defaultValue" />
      </SimpleForm>
    </Edit>
  );
};
