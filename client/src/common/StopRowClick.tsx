import type { ReactNode } from 'react';

/**
 * Keeps clicks on a button in a table row, and in the dialog it opens (React events bubble
 * through portals), from also opening the row's record.
 */
export const StopRowClick = ({ children }: { children: ReactNode }) => (
  // only stops the click's propagation: the buttons inside are the keyboard's targets
  <span onClick={(e) => e.stopPropagation()} style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
    {children}
  </span>
);
