import BalanceEntryIcon from '@mui/icons-material/AccountBalanceWallet';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./BalanceEntryList'), 'BalanceEntryList'),
  show: lazyPage(() => import('./BalanceEntryShow'), 'BalanceEntryShow'),
  icon: BalanceEntryIcon,
  recordRepresentation: 'reference',
};
