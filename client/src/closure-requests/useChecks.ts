import { useQuery } from '@tanstack/react-query';
import { useLocale, type RaRecord } from 'react-admin';
import { useApi } from '../dataProvider';

/** `GET /closure-requests/<id>/checks`, cached per version (one request however many readers). */
export function useChecks(record: RaRecord | undefined) {
  const api = useApi();
  // The server words the details in the console's language: another language is another answer.
  const locale = useLocale();
  const id = Number(record?.id);
  return useQuery({
    queryKey: ['closure-requests', 'checks', id, record?.version, locale],
    queryFn: () => api.getChecks(id),
    enabled: Boolean(record),
  });
}
