import { nanoDarkTheme, nanoLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * React-admin's "nano" themes: dense tables and quiet colours suit a desk that reads long
 * queues all day. Our changes:
 * - a font stack with Chinese glyphs on every OS (nano asks for Inter only, and we load no web
 *   fonts), and 13px text, as nano's 12px is too small for Chinese;
 * - wide tables scroll inside their card instead of widening the whole page (react-admin's
 *   layout grows to fit its content, which pushes the app bar off a 390px screen);
 * - status colours readable as text on each background (nano's yellow on white and dark green
 *   on dark grey are not), and a plain red for what is overdue;
 * - the app bar keeps its colour on a phone (nano paints every regular-height toolbar with the
 *   paper colour, and the app bar's toolbar turns regular below 600px: white on white).
 */
const fontFamily = [
  'Inter',
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  'sans-serif',
].join(', ');

type Overrides = { styleOverrides?: { root?: object } };

const statusColours = {
  // ≥ 4.5:1 on white and on a hovered or selected row (#ebebeb at most), where '#1E7F7A' was 4.4:1 (axe, issue 19)
  light: { error: '#B71C1C', warning: '#8F5200', info: '#17706B', success: '#00684F', secondary: '#2F6A90' },
  dark: { error: '#F28B82', warning: '#F2CB05', info: '#5CC8C3', success: '#5FC9A8', secondary: '#8AB4D8' },
};

function withDeskLook(theme: RaThemeOptions, mode: 'light' | 'dark'): RaThemeOptions {
  const components = (theme.components ?? {}) as Record<string, Overrides>;
  const layout = components.RaLayout ?? {};
  const colours = Object.fromEntries(Object.entries(statusColours[mode]).map(([name, main]) => [name, { main }]));
  return {
    ...theme,
    palette: { ...theme.palette, ...colours },
    typography: { ...(theme.typography as object), fontFamily, fontSize: 13 },
    components: {
      ...theme.components,
      RaLayout: {
        ...layout,
        styleOverrides: {
          ...layout.styleOverrides,
          root: { ...layout.styleOverrides?.root, minWidth: 0, '& .RaLayout-content': { minWidth: 0 } },
        },
      },
      RaAppBar: {
        styleOverrides: { root: { '& .RaAppBar-toolbar': { backgroundColor: 'inherit', color: 'inherit' } } },
      },
      RaList: {
        styleOverrides: { root: { '& .RaList-main': { minWidth: 0 } } },
      },
      RaDataTable: {
        styleOverrides: { root: { '& .RaDataTable-tableWrapper': { overflowX: 'auto' } } },
      },
      // react-admin names its row and select-all checkboxes with `aria-label` on <Checkbox>, which MUI
      // puts on the root <span> (no role: aria-prohibited-attr) and not on the <input> (label). The
      // slot props move the name to the input, where a screen reader reads it.
      MuiCheckbox: {
        defaultProps: {
          slotProps: {
            root: (o: { 'aria-label'?: string }) => (o['aria-label'] ? { 'aria-label': undefined } : {}),
            input: (o: { 'aria-label'?: string }) => (o['aria-label'] ? { 'aria-label': o['aria-label'] } : {}),
          },
        },
      },
    } as RaThemeOptions['components'],
  };
}

export const lightTheme = withDeskLook(nanoLightTheme, 'light');
export const darkTheme = withDeskLook(nanoDarkTheme, 'dark');
