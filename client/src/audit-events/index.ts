import type { RaRecord } from 'react-admin';
import { codeLabel } from '../common/CodeField';
import AuditEventIcon from '@mui/icons-material/Policy';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./AuditEventList'), 'AuditEventList'),
  show: lazyPage(() => import('./AuditEventShow'), 'AuditEventShow'),
  icon: AuditEventIcon,
  recordRepresentation: (record: RaRecord) => codeLabel('auditAction', record.action),
};
