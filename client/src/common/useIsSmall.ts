import { useMediaQuery, type Theme } from '@mui/material';

/** Phones (below MUI's `sm`, 600px): lists switch to react-admin's SimpleList. */
export const useIsSmall = () => useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
