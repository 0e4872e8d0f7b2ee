import { Box } from '@mui/material';
import { ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { StaffField } from '../common/StaffField';
import { RefundDecisionButtons } from './RefundDecisionButtons';

const RefundShowActions = () => (
  <TopToolbar>
    <Box sx={{ display: 'flex', alignItems: 'center' }}>
      <RefundDecisionButtons />
    </Box>
  </TopToolbar>
);

export const RefundShow = () => (
  <Show actions={<RefundShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="closureRequestId" reference="closure-requests" link="show" />
      <CustomerField source="customerId" />
      <EnumField source="status" enumName="refundStatus" />
      <MoneyField source="amount" />
      <EnumField source="method" enumName="refundMethod" variant="text" />
      <TextField source="payoutReference" sx={{ fontFamily: 'monospace' }} />
      <TextField source="note" />
      <StaffField source="createdById" />
      <DateTimeField source="createdAt" />
      <StaffField source="approvedById" />
      <DateTimeField source="decidedAt" />
      <TextField source="decisionNote" />
    </SimpleShowLayout>
  </Show>
);
