import { useState } from 'react';
import { formatMinor } from '@closure-desk/shared';
import { Button, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { StopRowClick } from '../common/StopRowClick';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { canWaiveBills } from '../permissions';

/** A supervisor waives a bill that still has something outstanding, giving the reason. */
export const WaiveBillButton = () => {
  const record = useRecordContext();
  const me = useMe();
  const api = useApi();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record || !canWaiveBills(me?.role) || !(Number(record.outstanding) > 0)) return null;
  const amount = formatMinor(Number(record.outstanding), String(record.currency), locale);
  return (
    <StopRowClick>
      <Button
        label="app.waive.button"
        onClick={() => setOpen(true)}
        size="small"
        color="warning"
        className="waive-bill"
      />
      {open ? (
        <ReasonDialog
          title={translate('app.waive.title', { billNo: record.billNo })}
          explain={translate('app.waive.explain', { amount })}
          label={translate('app.waive.reason')}
          confirmLabel="app.waive.confirm"
          onConfirm={async (reason) => {
            await api.waiveBill(Number(record.id), reason);
            notify('app.waive.done', { type: 'success', messageArgs: { billNo: record.billNo } });
            setOpen(false);
            refresh();
          }}
          onClose={() => setOpen(false)}
          className="waive-dialog"
        />
      ) : null}
    </StopRowClick>
  );
};
