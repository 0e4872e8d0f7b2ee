import { Box } from '@mui/material';
import { Show, TabbedShowLayout } from 'react-admin';
import { BalanceEntryTable } from '../balance-entries/BalanceEntryTable';
import { BillTable } from '../bills/BillTable';
import { ClosureRequestTable } from '../closure-requests/ClosureRequestList';
import { RelatedList, scrollableTabs } from '../common/RelatedList';
import { EsimProfileTable } from '../esim-profiles/EsimProfileTable';
import { NotificationTable } from '../notifications/NotificationTable';
import { RefundTable } from '../refunds/RefundTable';
import { CustomerSummary } from './CustomerSummary';

/**
 * The customer, then what bears on closing the account, one tab each, all by `customerId`.
 * (API.md lists `customerId` among the filters of bills, balance entries and profiles; the
 * server accepts it for refunds and notifications too.)
 */
export const CustomerShow = () => (
  <Show>
    <Box sx={{ px: 2, pt: 2 }}>
      <CustomerSummary />
    </Box>
    <TabbedShowLayout tabs={scrollableTabs}>
      <TabbedShowLayout.Tab label="app.tabs.closure_requests">
        <RelatedList label={false} reference="closure-requests" target="customerId" sort={{ field: 'submittedAt', order: 'DESC' }}>
          <ClosureRequestTable showCustomer={false} />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.bills" path="bills">
        <RelatedList label={false} reference="bills" target="customerId" sort={{ field: 'dueDate', order: 'DESC' }}>
          <BillTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.balance_entries" path="balance">
        <RelatedList label={false} reference="balance-entries" target="customerId" sort={{ field: 'occurredAt', order: 'DESC' }}>
          <BalanceEntryTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.esim_profiles" path="esim-profiles">
        <RelatedList label={false} reference="esim-profiles" target="customerId" sort={{ field: 'id', order: 'ASC' }}>
          <EsimProfileTable />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.refunds" path="refunds">
        <RelatedList label={false} reference="refunds" target="customerId" sort={{ field: 'createdAt', order: 'DESC' }}>
          <RefundTable showRequest />
        </RelatedList>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.tabs.notifications" path="notifications">
        <RelatedList label={false} reference="notifications" target="customerId" sort={{ field: 'createdAt', order: 'DESC' }}>
          <NotificationTable showRequest />
        </RelatedList>
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
