import { useState } from 'react';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import VisibilityIcon from '@mui/icons-material/VisibilityOutlined';
import type { MaskedCustomerField } from '@closure-desk/shared';
import { useRecordContext, useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useApi } from '../dataProvider';

/**
 * Shows one masked field in clear, once: the reason is required and audited with the read; the
 * value lives only in this dialog and is gone when it closes.
 */
export const RevealButton = ({ field }: { field: MaskedCustomerField }) => {
  const record = useRecordContext();
  const api = useApi();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  if (!record || record[field] == null) return null;
  const fieldLabel = translate(`resources.customers.fields.${field}`);
  const close = () => {
    setOpen(false);
    setValue(undefined);
  };
  return (
    <>
      <Tooltip title={translate('app.reveal.button', { field: fieldLabel })}>
        <IconButton size="small" onClick={() => setOpen(true)} aria-label={translate('app.reveal.button', { field: fieldLabel })} className={`reveal reveal-${field}`}>
          <VisibilityIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
      {open ? (
        <ReasonDialog
          title={translate('app.reveal.title', { field: fieldLabel })}
          explain={value === undefined ? translate('app.reveal.explain') : undefined}
          label={translate('app.reveal.reason')}
          confirmLabel="app.reveal.confirm"
          onConfirm={async (reason) => setValue((await api.revealCustomerField(Number(record.id), field, reason)).value)}
          onClose={close}
          className="reveal-dialog"
        >
          {value === undefined ? undefined : (
            <Box>
              <Typography variant="caption" color="text.secondary">
                {fieldLabel}
              </Typography>
              <Typography className="revealed-value" sx={{ fontFamily: 'monospace', fontSize: '1.1rem', wordBreak: 'break-all' }}>
                {value ?? translate('app.reveal.anonymised')}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {translate('app.reveal.once')}
              </Typography>
            </Box>
          )}
        </ReasonDialog>
      ) : null}
    </>
  );
};
