import StaffUserIcon from '@mui/icons-material/ManageAccounts';
import { StaffUserCreate, StaffUserEdit } from './StaffUserEdit';
import { StaffUserList } from './StaffUserList';
import { StaffUserShow } from './StaffUserShow';

export default {
  list: StaffUserList,
  show: StaffUserShow,
  edit: StaffUserEdit,
  create: StaffUserCreate,
  icon: StaffUserIcon,
  recordRepresentation: 'fullName',
};
