import { useTranslate } from 'react-admin';

/** The product name in the app bar when a page sets no title of its own (e.g. not found). */
export const AppTitle = () => {
  const translate = useTranslate();
  return <>{translate('app.title')}</>;
};
