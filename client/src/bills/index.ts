import BillIcon from '@mui/icons-material/ReceiptLong';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./BillList'), 'BillList'),
  show: lazyPage(() => import('./BillShow'), 'BillShow'),
  icon: BillIcon,
  recordRepresentation: 'billNo',
};
