import CustomerIcon from '@mui/icons-material/People';
import type { RaRecord } from 'react-admin';
import { CustomerList } from './CustomerList';
import { CustomerShow } from './CustomerShow';

export default {
  list: CustomerList,
  show: CustomerShow,
  icon: CustomerIcon,
  recordRepresentation: (record: RaRecord) => `${record.fullName} · ${record.accountNo}`,
};
