import type { ReactNode } from 'react';
import { Pagination, ReferenceManyField, TabbedShowLayoutTabs, type SortPayload } from 'react-admin';

interface RelatedListProps {
  /** Always `false` in a tab: tells the tab not to print a field label above the table. */
  label: false;
  reference: string;
  /** The filter field of API.md that points back (`customerId`, `closureRequestId`). */
  target: string;
  /** Where the current record holds the value for `target` (default its `id`). */
  source?: string;
  sort: SortPayload;
  children: ReactNode;
}

/** Records of another resource that belong to this one: `GET /api/<reference>?filter={"<target>":<value>}`. */
export const RelatedList = ({ reference, target, source = 'id', sort, children }: RelatedListProps) => (
  <ReferenceManyField
    reference={reference}
    target={target}
    source={source}
    sort={sort}
    perPage={10}
    pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
  >
    {children}
  </ReferenceManyField>
);

/** Tabs that scroll sideways instead of widening the page on a phone. */
export const scrollableTabs = <TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile />;
