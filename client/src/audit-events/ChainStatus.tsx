import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useLocale, useTranslate } from 'react-admin';
import type { ChainVerification } from '@closure-desk/shared';

/** The result of `GET /api/audit-events/verify`, in words. */
export const ChainStatus = ({ result }: { result: ChainVerification }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const checked = result.checked.toLocaleString(locale);
  return (
    <Alert severity={result.ok ? 'success' : 'error'} className={`chain-status chain-${result.ok ? 'ok' : 'broken'}`}>
      <AlertTitle>{translate(result.ok ? 'app.verify.ok' : 'app.verify.broken')}</AlertTitle>
      <Typography variant="body2">
        {result.ok
          ? translate('app.verify.ok_detail', { smart_count: result.checked, checked, lastId: result.lastId })
          : translate('app.verify.broken_detail', { checked, firstBadId: result.firstBadId ?? '?' })}
      </Typography>
      {result.problem ? (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {result.problem}
        </Typography>
      ) : null}
      <Box component="code" sx={{ display: 'block', mt: 1, fontSize: '0.75rem', wordBreak: 'break-all' }}>
        {translate('app.verify.last_hash')}: {result.lastHash}
      </Box>
    </Alert>
  );
};
