import VerifiedIcon from '@mui/icons-material/VerifiedUserOutlined';
import { Menu as RaMenu, useTranslate } from 'react-admin';
import { useMe } from '../common/useRole';
import { canVerifyEvidence } from '../permissions';

/** The resources, then the console's own pages for the roles that have them. */
export const Menu = () => {
  const me = useMe();
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItems />
      {canVerifyEvidence(me?.role) ? (
        <RaMenu.Item to="/verify-evidence" primaryText={translate('app.evidence.menu')} leftIcon={<VerifiedIcon />} className="menu-verify-evidence" />
      ) : null}
    </RaMenu>
  );
};
