import BalanceEntryIcon from '@mui/icons-material/AccountBalanceWallet';
import { BalanceEntryList } from './BalanceEntryList';
import { BalanceEntryShow } from './BalanceEntryShow';

export default {
  list: BalanceEntryList,
  show: BalanceEntryShow,
  icon: BalanceEntryIcon,
  recordRepresentation: 'reference',
};
