import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLocale } from 'react-admin';
import { AppBar } from './AppBar';

export const Layout = ({ children }: { children: ReactNode }) => {
  const locale = useLocale();
  // Screen readers, hyphenation and the browser's choice of CJK glyphs follow the page language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <RaLayout appBar={AppBar}>{children}</RaLayout>;
};
