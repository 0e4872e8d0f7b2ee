import type { RaRecord } from 'react-admin';
import { codeLabel } from '../common/CodeField';
import NotificationIcon from '@mui/icons-material/NotificationsActive';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./NotificationList'), 'NotificationList'),
  show: lazyPage(() => import('./NotificationShow'), 'NotificationShow'),
  icon: NotificationIcon,
  recordRepresentation: (record: RaRecord) => codeLabel('template', record.template),
};
