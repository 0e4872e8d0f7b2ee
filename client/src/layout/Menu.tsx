import QueueIcon from '@mui/icons-material/PlaylistPlayOutlined';
import VerifiedIcon from '@mui/icons-material/VerifiedUserOutlined';
import { Menu as RaMenu, useTranslate } from 'react-admin';
import { useMe } from '../common/useRole';
import { queueUrl } from '../common/listUrl';
import { canVerifyEvidence, canWork } from '../permissions';

/**
 * The queue (open requests, most urgent first) for the people who work it, the resources, then the
 * console's own pages for the roles that have them.
 */
export const Menu = () => {
  const me = useMe();
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {canWork(me?.role) ? (
        <RaMenu.Item to={queueUrl()} primaryText={translate('app.queue.menu')} leftIcon={<QueueIcon />} className="menu-queue" />
      ) : null}
      <RaMenu.ResourceItems />
      {canVerifyEvidence(me?.role) ? (
        <RaMenu.Item to="/verify-evidence" primaryText={translate('app.evidence.menu')} leftIcon={<VerifiedIcon />} className="menu-verify-evidence" />
      ) : null}
    </RaMenu>
  );
};
