import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { ClosureActionButtons } from './actions/ClosureActionButtons';
import { SlaCountdownField } from './SlaCountdownField';
import { EvidencePackButton } from '../evidence/EvidencePackButton';

/** Reference, status and time left, then what this user may do now. */
export const ClosureRequestHeader = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mr: 'auto' }}>
        <Typography variant="h6" component="h2" className="request-reference" sx={{ fontWeight: 600 }}>
          {String(record.reference)}
        </Typography>
        <EnumField source="status" enumName="closureStatus" />
        <SlaCountdownField />
      </Box>
      <EvidencePackButton />
      <ClosureActionButtons />
    </Box>
  );
};
