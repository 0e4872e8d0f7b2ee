import { useState } from 'react';
import { Box, Button, CardContent, CircularProgress, Typography } from '@mui/material';
import {
  Form,
  Login,
  PasswordInput,
  TextInput,
  required,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import { errorCode } from '../http';
import { LanguageMenuButton } from './LanguageMenuButton';

interface LoginValues {
  username: string;
  password: string;
  otp?: string;
}

/**
 * React-admin's login page, with the first field labelled as what it is: the staff member's
 * e-mail address. The input keeps the default name `username` (stable for tests and password
 * managers); the authProvider sends it as `email`. The language can be chosen before signing in.
 *
 * Two steps for an account with a second factor: when the server answers 401 `mfa_required`
 * the form asks for the code from the authenticator app (or a recovery code) and sends all three.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [loading, setLoading] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    const { username, password, otp } = values as unknown as LoginValues;
    setLoading(true);
    try {
      await login({ username, password, ...(needsCode && otp ? { otp } : {}) });
    } catch (error) {
      if (errorCode(error) === 'mfa_required') {
        if (needsCode) notify('app.mfa.login_wrong_code', { type: 'error' });
        setNeedsCode(true);
      } else {
        const message = (error as { message?: string })?.message;
        notify(message || 'ra.auth.sign_in_error', { type: 'error', messageArgs: { _: message } });
      }
    } finally {
      setLoading(false);
    }
  };

  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1 }}>
        <LanguageMenuButton />
      </Box>
      <Typography component="h1" variant="h5" align="center" sx={{ fontWeight: 600 }}>
        {translate('app.title')}
      </Typography>
      <Form onSubmit={submit} mode="onChange" noValidate>
        <CardContent sx={{ width: 300, pb: '16px !important' }}>
          <TextInput
            autoFocus={!needsCode}
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
          {needsCode ? (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {translate('app.mfa.login_prompt')}
              </Typography>
              <TextInput
                autoFocus
                source="otp"
                label={translate('app.mfa.login_code')}
                helperText={translate('app.mfa.login_code_help')}
                autoComplete="one-time-code"
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'login-otp' } }}
                validate={required()}
              />
            </>
          ) : null}
          <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 2 }}>
            {loading ? <CircularProgress size={19} thickness={3} sx={{ m: 0.3 }} /> : translate('ra.auth.sign_in')}
          </Button>
        </CardContent>
      </Form>
    </Login>
  );
};
