import type { RaRecord } from 'react-admin';
import { codeLabel } from '../common/CodeField';
import AuditEventIcon from '@mui/icons-material/Policy';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: AuditEventIcon,
  recordRepresentation: (record: RaRecord) => codeLabel('auditAction', record.action),
};
