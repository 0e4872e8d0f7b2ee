import CustomerIcon from '@mui/icons-material/People';
import type { RaRecord } from 'react-admin';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./CustomerList'), 'CustomerList'),
  show: lazyPage(() => import('./CustomerShow'), 'CustomerShow'),
  icon: CustomerIcon,
  recordRepresentation: (record: RaRecord) => `${record.fullName} · ${record.accountNo}`,
};
