import {
  AppBar as RaAppBar,
  LoadingIndicator,
  TitlePortal,
  ToggleThemeButton,
} from 'react-admin';
import { UserMenu } from './UserMenu';
import { LanguageMenuButton } from './LanguageMenuButton';

/** The page title, then the language switcher and the light/dark toggle, then the user menu. */
export const AppBar = () => (
  <RaAppBar
    userMenu={<UserMenu />}
    toolbar={
      <>
        <LanguageMenuButton />
        <ToggleThemeButton />
        <LoadingIndicator />
      </>
    }
  >
    {/* minWidth 0 lets a long record title shrink (with an ellipsis) instead of widening the page */}
    <TitlePortal sx={{ minWidth: 0 }} />
  </RaAppBar>
);
