import type { ReactNode } from 'react';

/**
 * Keeps clicks on a button in a table row, and in the dialog it opens (React events bubble
 * through portals), from also opening the row's record.
 */
export const StopRowClick = ({ children }: { children: ReactNode }) => (
  // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
  <span onClick={(e) => e.stopPropagation()} style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
    {children}
  </span>
);
