import ClosureRequestIcon from '@mui/icons-material/NoAccounts';
import { ClosureRequestList } from './ClosureRequestList';
import { ClosureRequestShow } from './ClosureRequestShow';

export default {
  list: ClosureRequestList,
  show: ClosureRequestShow,
  icon: ClosureRequestIcon,
  recordRepresentation: 'reference',
};
