import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress } from '@mui/material';
import VerifiedIcon from '@mui/icons-material/VerifiedUserOutlined';
import { Button, useNotify, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import type { ChainVerification } from '@closure-desk/shared';
import { useApi } from '../dataProvider';
import { ChainStatus } from './ChainStatus';

/** Re-walks the stored hash chain on the server and shows whether it is intact. */
export const VerifyChainButton = () => {
  const api = useApi();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ChainVerification | null>(null);

  const verify = async () => {
    setOpen(true);
    setResult(null);
    try {
      setResult(await api.verifyAuditChain());
    } catch (error) {
      setOpen(false);
      notify(describeApiError(error, translate), { type: 'error' });
    }
  };

  return (
    <>
      <Button label="app.verify.button" onClick={verify} className="verify-chain">
        <VerifiedIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby="verify-title">
        <DialogTitle id="verify-title">{translate('app.verify.title')}</DialogTitle>
        <DialogContent>{result ? <ChainStatus result={result} /> : <LinearProgress />}</DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOpen(false)} />
        </DialogActions>
      </Dialog>
    </>
  );
};
