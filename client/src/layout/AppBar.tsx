import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
} from 'react-admin';
import { SecondFactorMenuItem } from './SecondFactorMenuItem';

/** The page title, then the language switcher and the light/dark toggle; the user menu has two-step sign-in and logout. */
export const AppBar = () => (
  <RaAppBar
    userMenu={
      <UserMenu>
        <SecondFactorMenuItem />
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
