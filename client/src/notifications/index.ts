import type { RaRecord } from 'react-admin';
import { codeLabel } from '../common/CodeField';
import NotificationIcon from '@mui/icons-material/NotificationsActive';
import { NotificationList } from './NotificationList';
import { NotificationShow } from './NotificationShow';

export default {
  list: NotificationList,
  show: NotificationShow,
  icon: NotificationIcon,
  recordRepresentation: (record: RaRecord) => codeLabel('template', record.template),
};
