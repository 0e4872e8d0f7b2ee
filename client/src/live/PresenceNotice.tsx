import { useEffect } from 'react';
import { Chip, Stack } from '@mui/material';
import VisibilityIcon from '@mui/icons-material/VisibilityOutlined';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { onLive, TAB_ID } from './liveBus';

/**
 * "Chen Jie is viewing": the others on this request's page now. This tab says it came and, when
 * the page closes, that it left; the server renews it while the tab's stream is open.
 */
export const PresenceNotice = ({ closureRequestId }: { closureRequestId: number }) => {
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const key = ['presence', closureRequestId];
  const { data } = useQuery({ queryKey: key, queryFn: () => api.getPresence(closureRequestId) });
  useEffect(() => {
    void api.setPresence(closureRequestId, TAB_ID, true).then((answer) => queryClient.setQueryData(key, answer), () => undefined);
    const off = onLive((m) => {
      if (m.kind === 'presence' && m.data.closureRequestId === closureRequestId) void queryClient.invalidateQueries({ queryKey: key });
    });
    return () => {
      off();
      void api.setPresence(closureRequestId, TAB_ID, false).catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [closureRequestId]);
  const others = (data?.viewers ?? []).filter((v) => v.staffUserId !== me?.id);
  if (others.length === 0) return null;
  return (
    <Stack direction="row" className="presence-notice" sx={{ gap: 1, flexWrap: 'wrap', mb: 1 }}>
      {others.map((v) => (
        <Chip key={v.staffUserId} size="small" variant="outlined" color="info" icon={<VisibilityIcon />}
          label={translate('app.live.viewing', { name: v.fullName })} />
      ))}
    </Stack>
  );
};
