import EsimProfileIcon from '@mui/icons-material/SimCard';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./EsimProfileList'), 'EsimProfileList'),
  show: lazyPage(() => import('./EsimProfileShow'), 'EsimProfileShow'),
  icon: EsimProfileIcon,
  recordRepresentation: 'iccid',
};
