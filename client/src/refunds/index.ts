import RefundIcon from '@mui/icons-material/CurrencyExchange';
import { RefundList } from './RefundList';
import { RefundShow } from './RefundShow';

export default {
  list: RefundList,
  show: RefundShow,
  icon: RefundIcon,
};
