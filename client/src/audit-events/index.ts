import AuditEventIcon from '@mui/icons-material/Policy';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: AuditEventIcon,
  recordRepresentation: 'action',
};
