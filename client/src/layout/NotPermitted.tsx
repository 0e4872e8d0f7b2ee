import { Alert, Box, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useMe } from '../common/useRole';

/**
 * A page the signed-in role may not open (an agent following a link to the audit trail): it says
 * so and why, instead of react-admin's "Page not found".
 */
export const NotPermitted = ({ page }: { page: string }) => {
  const translate = useTranslate();
  const me = useMe();
  const role = me?.role ? translate(`enums.role.${me.role}`) : '';
  return (
    <Box sx={{ p: 3, maxWidth: 640 }} className="not-permitted">
      <Title title={translate('app.not_permitted.title')} />
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('app.not_permitted.title')}
      </Typography>
      <Alert severity="warning">{translate('app.not_permitted.explain', { page: translate(page, { smart_count: 2 }), role })}</Alert>
    </Box>
  );
};
