import { Box } from '@mui/material';
import {
  LocalesMenuButton,
  Login,
  LoginForm,
  PasswordInput,
  TextInput,
  required,
  useTranslate,
} from 'react-admin';

/**
 * React-admin's login page and form, with the first field labelled as what it is: the
 * staff member's e-mail address. The input keeps the default name `username` (stable for
 * tests and password managers); the authProvider sends it as `email`. The language can be
 * chosen before signing in.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1 }}>
        <LocalesMenuButton />
      </Box>
      <LoginForm>
        <TextInput
          autoFocus
          source="username"
          type="email"
          label={translate('ra.auth.email')}
          autoComplete="username"
          validate={required()}
        />
        <PasswordInput
          source="password"
          label={translate('ra.auth.password')}
          autoComplete="current-password"
          validate={required()}
        />
      </LoginForm>
    </Login>
  );
};
