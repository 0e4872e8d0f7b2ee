import { Card, CardContent, LinearProgress, Typography, Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Button, useTranslate } from 'react-admin';
import { ChainStatus } from '../audit-events/ChainStatus';
import { describeApiError } from '../common/apiErrors';
import { useApi } from '../dataProvider';

/** The audit chain's verification state, checked when the dashboard opens and on demand. */
export const ChainCard = () => {
  const api = useApi();
  const translate = useTranslate();
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ['audit-events', 'verify'],
    queryFn: () => api.verifyAuditChain(),
    staleTime: 60_000,
  });
  return (
    <Card variant="outlined" className="chain-card">
      <CardContent>
        <Typography variant="subtitle2" color="text.secondary" gutterBottom>
          {translate('app.verify.title')}
        </Typography>
        {isFetching ? <LinearProgress sx={{ mb: 1 }} /> : null}
        {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
        {data ? <ChainStatus result={data} /> : null}
        <Button label="app.verify.again" onClick={() => refetch()} disabled={isFetching} sx={{ mt: 1 }} />
      </CardContent>
    </Card>
  );
};
