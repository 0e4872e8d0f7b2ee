import PasswordIcon from '@mui/icons-material/Password';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  MenuItemLink,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
  useUserMenu,
} from 'react-admin';

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

/** The page title, then the language switcher and the light/dark toggle, then the user menu. */
export const AppBar = () => (
  <RaAppBar
    userMenu={
      <UserMenu>
        <ChangePasswordMenuItem />
        <Logout />
      </UserMenu>
    }
    toolbar={
      <>
        <LocalesMenuButton />
        <ToggleThemeButton />
        <LoadingIndicator />
      </>
    }
  >
    {/* minWidth 0 lets a long record title shrink (with an ellipsis) instead of widening the page */}
    <TitlePortal sx={{ minWidth: 0 }} />
  </RaAppBar>
);
