import { useState, type MouseEvent } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import LanguageIcon from '@mui/icons-material/Translate';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useLocales, useLocaleState, useTranslate } from 'react-admin';

/**
 * React-admin's LocalesMenuButton, with a name: its button carries `aria-label=""`, which hides
 * the language shown on it from screen readers (axe "button-name", issue 19) and offers no prop to
 * change it. Same look, same store key (the choice survives sign-out: store.ts), same menu id.
 */
export const LanguageMenuButton = () => {
  const translate = useTranslate();
  const languages = useLocales();
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const current = languages.find((l) => l.locale === locale)?.name ?? locale;
  return (
    <span>
      <Button
        color="inherit"
        variant="text"
        aria-controls="simple-menu"
        aria-haspopup="true"
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={translate('app.language_menu', { language: current })}
        onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
        startIcon={<LanguageIcon />}
        endIcon={<ExpandMoreIcon fontSize="small" />}
        className="language-menu"
      >
        <span lang={locale}>{current}</span>
      </Button>
      <Menu id="simple-menu" anchorEl={anchor} keepMounted open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {languages.map((l) => (
          <MenuItem
            key={l.locale}
            lang={l.locale}
            selected={l.locale === locale}
            onClick={() => {
              setLocale(l.locale);
              setAnchor(null);
            }}
          >
            {l.name}
          </MenuItem>
        ))}
      </Menu>
    </span>
  );
};
