import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@closure-desk/shared';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { apiErrorBody } from '../common/apiErrors';
import { useApi } from '../dataProvider';

/**
 * `#/password` (from the user menu): the signed-in staff member changes their own password.
 * Their other sessions end; this one stays. A wrong current password counts as a failed sign-in.
 */
export const ChangePasswordPage = () => {
  const translate = useTranslate();
  const api = useApi();
  const notify = useNotify();
  const redirect = useRedirect();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooShort = next.length > 0 && next.length < PASSWORD_MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== next;
  const ready = current.length > 0 && next.length >= PASSWORD_MIN_LENGTH && next === repeat && !busy;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await api.changeOwnPassword(current, next);
      notify('app.password.done', { type: 'success' });
      redirect('/');
    } catch (err) {
      const body = apiErrorBody(err);
      setError(
        body.code === 'forbidden' ? translate('app.password.wrong_current')
          : body.code === 'rate_limited' ? translate('app.password.rate_limited')
            : (body.message ?? translate('ra.message.error')),
      );
      setBusy(false);
    }
  };

  const field = (name: string, label: string, value: string, set: (v: string) => void, extra: object = {}) => (
    <TextField
      name={name}
      type="password"
      label={translate(label)}
      value={value}
      onChange={(e) => set(e.target.value)}
      required
      slotProps={{ htmlInput: { maxLength: PASSWORD_MAX_LENGTH } }}
      {...extra}
    />
  );

  return (
    <Box sx={{ maxWidth: 480, mt: 2 }} className="change-password-page">
      <Title title={translate('app.password.title')} />
      <Card>
        <CardContent component="form" onSubmit={submit} noValidate sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">{translate('app.password.explain', { min: PASSWORD_MIN_LENGTH })}</Typography>
          {error ? <Alert severity="error" className="change-password-error">{error}</Alert> : null}
          {field('currentPassword', 'app.password.current', current, setCurrent, { autoComplete: 'current-password', autoFocus: true })}
          {field('newPassword', 'app.password.new', next, setNext, {
            autoComplete: 'new-password', error: tooShort,
            helperText: tooShort ? translate('app.enrol.too_short', { min: PASSWORD_MIN_LENGTH }) : ' ',
          })}
          {field('repeatPassword', 'app.enrol.repeat', repeat, setRepeat, {
            autoComplete: 'new-password', error: mismatch, helperText: mismatch ? translate('app.enrol.mismatch') : ' ',
          })}
          <Button type="submit" variant="contained" disabled={!ready}>{translate('app.password.submit')}</Button>
        </CardContent>
      </Card>
    </Box>
  );
};
