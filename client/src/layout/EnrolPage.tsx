import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@closure-desk/shared';
import { useAuthProvider, useParams, useTranslate } from 'react-admin';
import { apiErrorBody } from '../common/apiErrors';
import { LanguageMenuButton } from './LanguageMenuButton';

/**
 * `#/enrol/<token>`: the page an enrolment e-mail links to (no layout, no session). The new
 * member, or one whose password an admin reset, chooses a password and is signed in at once;
 * nobody else ever knows it.
 */
export const EnrolPage = () => {
  const { token = '' } = useParams();
  const translate = useTranslate();
  const authProvider = useAuthProvider();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooShort = password.length > 0 && password.length < PASSWORD_MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== password;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (password.length < PASSWORD_MIN_LENGTH || password !== repeat) return;
    setBusy(true);
    setError(null);
    try {
      await authProvider!.login({ enrolmentToken: token, password });
      // A fresh start of the console, signed in: react-admin decided "not signed in" when this page
      // opened, and keeps that answer for as long as the page lives.
      window.location.replace(window.location.pathname + window.location.search);
    } catch (err) {
      const body = apiErrorBody(err);
      setError(body.code === 'gone' ? translate('app.enrol.gone') : (body.message ?? translate('ra.message.error')));
      setBusy(false);
    }
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 420 }} className="enrol-page">
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
          <LanguageMenuButton />
        </Box>
        <CardContent component="form" onSubmit={submit} noValidate sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5" component="h1">{translate('app.enrol.title')}</Typography>
          <Typography variant="body2" color="text.secondary">{translate('app.enrol.explain', { min: PASSWORD_MIN_LENGTH })}</Typography>
          {error ? <Alert severity="error" className="enrol-error">{error}</Alert> : null}
          <TextField
            name="password"
            type="password"
            label={translate('app.enrol.password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            autoFocus
            required
            slotProps={{ htmlInput: { maxLength: PASSWORD_MAX_LENGTH } }}
            error={tooShort}
            helperText={tooShort ? translate('app.enrol.too_short', { min: PASSWORD_MIN_LENGTH }) : ' '}
          />
          <TextField
            name="repeat"
            type="password"
            label={translate('app.enrol.repeat')}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            autoComplete="new-password"
            required
            slotProps={{ htmlInput: { maxLength: PASSWORD_MAX_LENGTH } }}
            error={mismatch}
            helperText={mismatch ? translate('app.enrol.mismatch') : ' '}
          />
          <Button
            type="submit"
            variant="contained"
            disabled={busy || password.length < PASSWORD_MIN_LENGTH || password !== repeat}
            startIcon={busy ? <CircularProgress size={16} /> : null}
          >
            {translate('app.enrol.submit')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
};
