import SettingsIcon from '@mui/icons-material/TuneOutlined';
import { lazyPage } from '../common/lazyPage';

export default {
  list: lazyPage(() => import('./SettingList'), 'SettingList'),
  edit: lazyPage(() => import('./SettingEdit'), 'SettingEdit'),
  icon: SettingsIcon,
};
