import { Alert } from '@mui/material';
import { Link, useGetList, useGetOne, useRecordContext, useTranslate } from 'react-admin';

/** An appeal (申诉) and the rejected request it appeals against, each linking to the other. */
export const AppealLinks = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const appealOfId = (record?.appealOfId as number | null | undefined) ?? null;
  const { data: original } = useGetOne('closure-requests', { id: appealOfId ?? 0 }, { enabled: appealOfId !== null });
  const { data: appeals } = useGetList('closure-requests', { filter: { appealOfId: record?.id }, pagination: { page: 1, perPage: 5 } }, { enabled: Boolean(record) && record?.status === 'rejected' });
  if (!record) return null;
  return (
    <>
      {appealOfId !== null && original ? (
        <Alert severity="info" className="appeal-of" sx={{ mb: 2 }}>
          {translate('app.live.appeal_of')}{' '}
          <Link to={`/closure-requests/${original.id}/show`}>{String(original.reference)}</Link>
          {' · '}
          {translate('app.live.appeal_rule')}
        </Alert>
      ) : null}
      {(appeals ?? []).map((a) => (
        <Alert key={a.id} severity="info" className="appealed-by" sx={{ mb: 2 }}>
          {translate('app.live.appealed_by')} <Link to={`/closure-requests/${a.id}/show`}>{String(a.reference)}</Link>
        </Alert>
      ))}
    </>
  );
};
