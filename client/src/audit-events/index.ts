import AuditEventIcon from '@mui/icons-material/Policy';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./AuditEventList'), 'AuditEventList'),
  show: lazyPage(() => import('./AuditEventShow'), 'AuditEventShow'),
  icon: AuditEventIcon,
  recordRepresentation: 'action',
};
