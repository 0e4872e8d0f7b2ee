import RefundIcon from '@mui/icons-material/CurrencyExchange';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./RefundList'), 'RefundList'),
  show: lazyPage(() => import('./RefundShow'), 'RefundShow'),
  icon: RefundIcon,
};
