import { Box } from '@mui/material';
import { Show, TabbedShowLayout } from 'react-admin';
import { BalanceEntryTable } from '../balance-entries/BalanceEntryTable';
import { BillTable } from '../bills/BillTable';
import { RelatedList, scrollableTabs } from '../common/RelatedList';
import { EsimProfileTable } from '../esim-profiles/EsimProfileTable';
import { NotificationTable } from '../notifications/NotificationTable';
import { RefundTable } from '../refunds/RefundTable';
import { ClosureRequestSummary } from './ClosureRequestSummary';

/**
 * The request, then what the closure conditions depend on: the customer's bills, balance
 * and eSIM profiles (by `customerId`), and this request's refunds and notifications (by
 * `closureRequestId`). Status changes arrive later as actions, never as an edit form.
 */
export const ClosureRequestShow = () => (
  <Show>
    <Box sx={{ px: 2, pt: 2 }}>
      <ClosureRequestSummary />
    </Box>
    <TabbedShowLayout tabs={scrollableTabs}>
      <TabbedShowLayout.Tab label="app.tabs.bills">
        <RelatedList label={false} reference="bills" target="customerId" source="customerId" sort={{ field: 'dueDate', order: 'DESC' }}>
          <BillTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.balance_entries" path="balance">
        <RelatedList
          label={false}
          reference="balance-entries"
          target="customerId"
          source="customerId"
          sort={{ field: 'occurredAt', order: 'DESC' }}
        >
          <BalanceEntryTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.esim_profiles" path="esim-profiles">
        <RelatedList label={false} reference="esim-profiles" target="customerId" source="customerId" sort={{ field: 'id', order: 'ASC' }}>
          <EsimProfileTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.refunds" path="refunds">
        <RelatedList label={false} reference="refunds" target="closureRequestId" sort={{ field: 'createdAt', order: 'DESC' }}>
          <RefundTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.notifications" path="notifications">
        <RelatedList label={false} reference="notifications" target="closureRequestId" sort={{ field: 'createdAt', order: 'DESC' }}>
          <NotificationTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
