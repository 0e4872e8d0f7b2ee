import SettingsIcon from '@mui/icons-material/TuneOutlined';
import { SettingEdit } from './SettingEdit';
import { SettingList } from './SettingList';

export default {
  list: SettingList,
  edit: SettingEdit,
  icon: SettingsIcon,
};
