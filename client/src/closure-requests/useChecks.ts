import { useQuery } from '@tanstack/react-query';
import type { RaRecord } from 'react-admin';
import { useApi } from '../dataProvider';

/** `GET /closure-requests/<id>/checks`, cached per version (one request however many readers). */
export function useChecks(record: RaRecord | undefined) {
  const api = useApi();
  const id = Number(record?.id);
  return useQuery({
    queryKey: ['closure-requests', 'checks', id, record?.version],
    queryFn: () => api.getChecks(id),
    enabled: Boolean(record),
  });
}
