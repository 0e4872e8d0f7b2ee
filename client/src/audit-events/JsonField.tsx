import { Box } from '@mui/material';
import { useRecordContext, type FieldProps } from 'react-admin';

/** The `before`/`after` snapshot of an audit event, pretty-printed (already masked by the server). */
export const JsonField = ({ source }: FieldProps & { source: string }) => {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  if (value == null) return null;
  let text: string;
  if (typeof value === 'string') {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      text = value;
    }
  } else {
    text = JSON.stringify(value, null, 2);
  }
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1,
        maxHeight: 360,
        overflow: 'auto',
        fontSize: '0.8rem',
        bgcolor: 'action.hover',
        borderRadius: 1,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {text}
    </Box>
  );
};
