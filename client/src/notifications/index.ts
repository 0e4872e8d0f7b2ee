import NotificationIcon from '@mui/icons-material/NotificationsActive';
import { NotificationList } from './NotificationList';
import { NotificationShow } from './NotificationShow';

export default {
  list: NotificationList,
  show: NotificationShow,
  icon: NotificationIcon,
  recordRepresentation: 'template',
};
