import NotificationIcon from '@mui/icons-material/NotificationsActive';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./NotificationList'), 'NotificationList'),
  show: lazyPage(() => import('./NotificationShow'), 'NotificationShow'),
  icon: NotificationIcon,
  recordRepresentation: 'template',
};
