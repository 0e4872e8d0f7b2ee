import { CheckboxGroupInput, Edit, NumberInput, SaveButton, SimpleForm, Toolbar, required, useRecordContext, useTranslate } from 'react-admin';
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

/** An admin changes one setting (`PUT /api/settings/<key>`, audited); the server checks the range. */
export const SettingEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title={<SettingTitle />}>
    <SimpleForm toolbar={<SaveOnly />}>
      <SettingNameField />
      <ValueInput />
      <SettingValueField source="defaultValue" />
    </SimpleForm>
  </Edit>
);
