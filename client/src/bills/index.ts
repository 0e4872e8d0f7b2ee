import BillIcon from '@mui/icons-material/ReceiptLong';
import { BillList } from './BillList';
import { BillShow } from './BillShow';

export default {
  list: BillList,
  show: BillShow,
  icon: BillIcon,
  recordRepresentation: 'billNo',
};
