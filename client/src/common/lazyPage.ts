import { lazy, type ComponentType } from 'react';

/**
 * A page loaded the first time it is shown (issue 19): each resource's list, show and edit pages
 * are chunks of their own, so the login page and the list page fetch only what they display.
 * React-admin's Layout renders its pages inside <Suspense>, which shows its loader meanwhile.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // a page's props are whatever react-admin passes it; the component keeps its own type at the call site (M[K])
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<Record<string, unknown>> }))) as unknown as M[K];
}
