import { useState } from 'react';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import DevicesIcon from '@mui/icons-material/Devices';
import PasswordIcon from '@mui/icons-material/Password';
import { Logout, MenuItemLink, UserMenu as RaUserMenu, useTranslate, useUserMenu } from 'react-admin';
import { SessionsDialog } from './SessionsDialog';
import { SecondFactorMenuItem } from './SecondFactorMenuItem';

/** Opens the person's sessions (the dialog stays mounted in the menu, so it survives the menu closing). */
const SessionsMenuItem = ({ onOpen }: { onOpen: () => void }) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      className="sessions-menu-item"
      onClick={() => {
        userMenu?.onClose();
        onOpen();
      }}
    >
      <ListItemIcon>
        <DevicesIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.sessions.menu')}</ListItemText>
    </MenuItem>
  );
};

/** The user menu's "change password": its own page, so the menu can close. */
const ChangePasswordMenuItem = () => {
  const userMenu = useUserMenu();
  return (
    <MenuItemLink
      to="/password"
      primaryText="app.password.menu"
      leftIcon={<PasswordIcon />}
      onClick={() => userMenu?.onClose()}
      className="change-password-menu-item"
    />
  );
};

/** The app bar's user menu: change password, two-step sign-in, the person's sessions, then sign out. */
export const UserMenu = () => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <RaUserMenu>
        <ChangePasswordMenuItem />
        <SecondFactorMenuItem />
        <SessionsMenuItem onOpen={() => setOpen(true)} />
        <Logout />
      </RaUserMenu>
      <SessionsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
};
