import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import QRCode from 'qrcode';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { API_URL, fetchMe, type MfaStatus } from '../session';
import { errorCode, httpClient } from '../http';
import { describeApiError } from '../common/apiErrors';

type Step =
  | { kind: 'loading' }
  | { kind: 'off' }
  | { kind: 'setup'; secret: string; qr: string }
  | { kind: 'recovery'; codes: string[] }
  | { kind: 'on' };

const post = (path: string, body: unknown = {}) =>
  httpClient(`${API_URL}/auth/mfa/totp/${path}`, { method: 'POST', body: JSON.stringify(body) });

/**
 * Two-step sign-in (TOTP) for the signed-in staff member, from the user menu: set up (the secret as
 * text and as a QR code of its otpauth:// URL), confirm with a code, see the ten recovery codes once;
 * or turn it off with the password and a code. An account whose role needs a second factor and has
 * none is sent here and can do nothing else until it has one.
 */
export const SecondFactorPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const me = await fetchMe();
    setStatus(me);
    return me;
  }, []);

  useEffect(() => {
    refresh().then((me) => setStep({ kind: me.mfaEnabled ? 'on' : 'off' }), () => setStep({ kind: 'off' }));
  }, [refresh]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      const code = errorCode(e);
      setError(
        code === 'validation_failed' ? translate('app.mfa.wrong_code')
          : code === 'forbidden' ? translate('app.mfa.disable_failed')
            : describeApiError(e, translate),
      );
    } finally {
      setBusy(false);
    }
  };

  const startSetup = () =>
    run(async () => {
      const { json } = await post('setup');
      const qr = await QRCode.toDataURL(json.otpauthUrl as string, { margin: 1, width: 200 });
      setCode('');
      setStep({ kind: 'setup', secret: json.secret as string, qr });
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const { json } = await post('confirm', { code: code.trim() });
      setCode('');
      await refresh();
      setStep({ kind: 'recovery', codes: json.recoveryCodes as string[] });
    });
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await post('disable', { password, code: code.trim() });
      setPassword('');
      setCode('');
      await refresh();
      notify('app.mfa.turned_off', { type: 'info' });
      setStep({ kind: 'off' });
    });
  };

  const finish = () => {
    notify('app.mfa.turned_on', { type: 'success' });
    setStep({ kind: 'on' });
    redirect('/');
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 640 }}>
      <Title title={translate('app.mfa.title')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">{translate('app.mfa.title')}</Typography>
          {status?.mfaEnrolmentRequired ? <Alert severity="warning" data-testid="mfa-required">{translate('app.mfa.required')}</Alert> : null}
          {step.kind === 'on' ? <Alert severity="success" data-testid="mfa-status">{translate('app.mfa.status_on')}</Alert> : null}
          {step.kind === 'off' ? <Typography data-testid="mfa-status">{translate('app.mfa.status_off')}</Typography> : null}
          {error ? <Alert severity="error" role="alert">{error}</Alert> : null}

          {step.kind === 'off' ? (
            <Box>
              <Button variant="contained" onClick={startSetup} disabled={busy}>{translate('app.mfa.setup')}</Button>
            </Box>
          ) : null}

          {step.kind === 'setup' ? (
            <Stack spacing={2} component="form" onSubmit={confirm}>
              <Typography>{translate('app.mfa.scan')}</Typography>
              <Box component="img" src={step.qr} alt={translate('app.mfa.qr_alt')} data-testid="totp-qr" sx={{ width: 200, height: 200 }} />
              <Box>
                <Typography variant="caption" color="text.secondary" id="totp-secret-label">{translate('app.mfa.secret')}</Typography>
                <Typography
                  data-testid="totp-secret"
                  aria-labelledby="totp-secret-label"
                  sx={{ fontFamily: 'monospace', fontSize: '1.1rem', letterSpacing: '0.1em', wordBreak: 'break-all' }}
                >
                  {step.secret}
                </Typography>
              </Box>
              <TextField
                label={translate('app.mfa.code')}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="one-time-code"
                required
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6, 'data-testid': 'totp-code' } }}
              />
              <Box>
                <Button type="submit" variant="contained" disabled={busy || !code.trim()}>{translate('app.mfa.confirm')}</Button>
              </Box>
            </Stack>
          ) : null}

          {step.kind === 'recovery' ? (
            <Stack spacing={2}>
              <Typography variant="subtitle1" component="h3">{translate('app.mfa.recovery_title')}</Typography>
              <Alert severity="info">{translate('app.mfa.recovery_help')}</Alert>
              <Box component="ol" data-testid="recovery-codes" sx={{ fontFamily: 'monospace', columns: 2, m: 0 }}>
                {step.codes.map((c) => <li key={c}>{c}</li>)}
              </Box>
              <Box>
                <Button variant="contained" onClick={finish}>{translate('app.mfa.done')}</Button>
              </Box>
            </Stack>
          ) : null}

          {step.kind === 'on' ? (
            <Stack spacing={2} component="form" onSubmit={disable}>
              <Typography variant="subtitle1" component="h3">{translate('app.mfa.disable_title')}</Typography>
              <Typography variant="body2" color="text.secondary">{translate('app.mfa.disable_help')}</Typography>
              <TextField
                label={translate('app.mfa.password')}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                required
              />
              <TextField
                label={translate('app.mfa.code_or_recovery')}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="one-time-code"
                required
              />
              <Box>
                <Button type="submit" variant="outlined" color="error" disabled={busy || !password || !code.trim()}>
                  {translate('app.mfa.disable')}
                </Button>
              </Box>
            </Stack>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
};
