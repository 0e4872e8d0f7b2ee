import { Alert } from '@mui/material';
import { BooleanInput, email, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useLocale, useTranslate } from 'react-admin';
import { enumChoices } from '../common/enums';

/** Accounts are disabled, never deleted (the audit trail refers to them): Save only. */
const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const LOCALE_CHOICES = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
];

/**
 * Staff accounts. There is no password field: a new member is sent an invitation with a one-time
 * link to choose their own, and an admin never learns it (a reset sends a new link).
 */
export const StaffUserForm = ({ create = false }: { create?: boolean }) => {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <SimpleForm toolbar={<SaveOnly />} defaultValues={create ? { locale: locale === 'zh-CN' ? 'zh-CN' : 'en' } : undefined}>
      {create ? (
        <Alert severity="info" className="staff-invitation-note" sx={{ mb: 2 }}>
          {translate('app.staff.invitation_help')}
        </Alert>
      ) : null}
      <TextInput source="email" type="email" validate={[required(), email()]} disabled={!create} />
      <TextInput source="fullName" validate={required()} />
      <SelectInput source="role" choices={enumChoices('role')} validate={required()} />
      <SelectInput source="locale" choices={LOCALE_CHOICES} validate={required()} helperText={translate('app.staff.locale_help')} />
      {create ? null : <BooleanInput source="active" helperText={translate('app.staff.active_help')} />}
    </SimpleForm>
  );
};
