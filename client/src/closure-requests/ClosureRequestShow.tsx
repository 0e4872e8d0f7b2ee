import { Box, Divider } from '@mui/material';
import { ReferenceField, Show, TabbedShowLayout, useRecordContext } from 'react-admin';
import { BalanceEntryTable } from '../balance-entries/BalanceEntryTable';
import { BillTable } from '../bills/BillTable';
import { RelatedList, scrollableTabs } from '../common/RelatedList';
import { useMe } from '../common/useRole';
import { CustomerSummary } from '../customers/CustomerSummary';
import { EsimProfileTable } from '../esim-profiles/EsimProfileTable';
import { NotificationTable } from '../notifications/NotificationTable';
import { canReadAttachments } from '../permissions';
import { RefundTable } from '../refunds/RefundTable';
import { AttachmentsTab } from './AttachmentsTab';
import { ChecklistCard } from './ChecklistCard';
import { ClosureRequestHeader } from './ClosureRequestHeader';
import { ClosureRequestSummary } from './ClosureRequestSummary';
import { NotesTab } from './NotesTab';
import { TerminationProgress } from './TerminationProgress';
import { TimelineTab } from './TimelineTab';
import { AppealLinks } from '../live/AppealLinks';
import { PresenceNotice } from '../live/PresenceNotice';

const Presence = () => {
  const record = useRecordContext();
  return record ? <PresenceNotice closureRequestId={Number(record.id)} /> : null;
};

const ClosureRequestTitle = () => {
  const record = useRecordContext();
  return <>{record ? `${String(record.reference)} · ${String(record.customerName ?? '')}` : ''}</>;
};

/**
 * The request and what decides it: the actions this user may take now, the closure checklist,
 * the customer (balances, masked contact), then the customer's bills, ledger and eSIM profiles
 * (by `customerId`) and this request's refunds, notifications, notes, attachments and timeline.
 * Status changes are commands in dialogs, never an edit form.
 */
export const ClosureRequestShow = () => {
  const me = useMe();
  return (
    <Show title={<ClosureRequestTitle />}>
      <Box sx={{ px: 2, pt: 2 }}>
        <Presence />
        <ClosureRequestHeader />
        <AppealLinks />
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 3fr) minmax(0, 2fr)' } }}>
          <Box>
            <ClosureRequestSummary />
          </Box>
          {/* On a phone the checklist comes first: it says what to do next. */}
          <Box sx={{ order: { xs: -1, lg: 0 } }}>
            <ChecklistCard />
            <TerminationProgress />
          </Box>
        </Box>
        <Divider sx={{ mb: 2 }} />
        <ReferenceField source="customerId" reference="customers" link={false}>
          <CustomerSummary compact />
        </ReferenceField>
      </Box>
      <TabbedShowLayout tabs={scrollableTabs}>
        <TabbedShowLayout.Tab label="app.tabs.bills">
          <RelatedList label={false} reference="bills" target="customerId" source="customerId" sort={{ field: 'dueDate', order: 'DESC' }}>
            <BillTable />
          </RelatedList>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="app.tabs.balance_entries" path="balance">
          <RelatedList label={false} reference="balance-entries" target="customerId" source="customerId" sort={{ field: 'occurredAt', order: 'DESC' }}>
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
        <TabbedShowLayout.Tab label="app.tabs.notes" path="notes">
          <NotesTab />
        </TabbedShowLayout.Tab>
        {canReadAttachments(me?.role) ? (
          <TabbedShowLayout.Tab label="app.tabs.attachments" path="attachments">
            <AttachmentsTab />
          </TabbedShowLayout.Tab>
        ) : null}
        <TabbedShowLayout.Tab label="app.tabs.timeline" path="timeline">
          <TimelineTab />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
