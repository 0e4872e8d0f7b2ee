import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { useNavigate, useTranslate, useUserMenu } from 'react-admin';
import { MFA_PAGE } from '../session';

/** User menu entry to the two-step sign-in page (SecondFactorPage). */
export const SecondFactorMenuItem = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      onClick={() => {
        userMenu?.onClose();
        navigate(MFA_PAGE);
      }}
    >
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.mfa.menu')}</ListItemText>
    </MenuItem>
  );
};
