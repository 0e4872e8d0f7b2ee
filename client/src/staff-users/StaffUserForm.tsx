import { BooleanInput, email, minLength, PasswordInput, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useTranslate } from 'react-admin';
import { enumChoices } from '../common/enums';

/** Accounts are disabled, never deleted (the audit trail refers to them): Save only. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** Staff accounts: a new one needs a password; an edit changes it only when one is typed. */
export const StaffUserForm = ({ create = false }: { create?: boolean }) => {
  const translate = useTranslate();
  return (
    <SimpleForm toolbar={<SaveOnly />}>
      <TextInput source="email" type="email" validate={[required(), email()]} disabled={!create} />
      <TextInput source="fullName" validate={required()} />
      <SelectInput source="role" choices={enumChoices('role')} validate={required()} />
      {create ? null : <BooleanInput source="active" helperText={translate('app.staff.active_help')} />}
      <PasswordInput
        source="password"
        validate={create ? [required(), minLength(12)] : [minLength(12)]}
        helperText={translate(create ? 'app.staff.password_help' : 'app.staff.password_change_help')}
        autoComplete="new-password"
      />
    </SimpleForm>
  );
};
