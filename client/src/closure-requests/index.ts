import ClosureRequestIcon from '@mui/icons-material/NoAccounts';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./ClosureRequestList'), 'ClosureRequestList'),
  show: lazyPage(() => import('./ClosureRequestShow'), 'ClosureRequestShow'),
  icon: ClosureRequestIcon,
  recordRepresentation: 'reference',
};
