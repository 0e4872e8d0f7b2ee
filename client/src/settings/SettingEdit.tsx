import { Edit, NumberInput, SaveButton, SimpleForm, Toolbar, required, useRecordContext, useTranslate } from 'react-admin';
import { MoneyInput } from '../common/MoneyInput';
import { SettingNameField, SettingTitle, SettingValueField, unitOf } from './SettingValueField';

const ValueInput = () => {
  const record = useRecordContext();
  const translate = useTranslate();
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
