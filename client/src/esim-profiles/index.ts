import EsimProfileIcon from '@mui/icons-material/SimCard';
import { EsimProfileList } from './EsimProfileList';
import { EsimProfileShow } from './EsimProfileShow';

export default {
  list: EsimProfileList,
  show: EsimProfileShow,
  icon: EsimProfileIcon,
  recordRepresentation: 'iccid',
};
