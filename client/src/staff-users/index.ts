import StaffUserIcon from '@mui/icons-material/ManageAccounts';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./StaffUserList'), 'StaffUserList'),
  show: lazyPage(() => import('./StaffUserShow'), 'StaffUserShow'),
  edit: lazyPage(() => import('./StaffUserEdit'), 'StaffUserEdit'),
  create: lazyPage(() => import('./StaffUserEdit'), 'StaffUserCreate'),
  icon: StaffUserIcon,
  recordRepresentation: 'fullName',
};
