import StaffUserIcon from '@mui/icons-material/ManageAccounts';
import { StaffUserList } from './StaffUserList';
import { StaffUserShow } from './StaffUserShow';

export default {
  list: StaffUserList,
  show: StaffUserShow,
  icon: StaffUserIcon,
  recordRepresentation: 'fullName',
};
