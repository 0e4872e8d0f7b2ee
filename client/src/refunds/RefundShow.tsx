import { ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { StaffField } from '../common/StaffField';

export const RefundShow = () => (
  <Show>
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
    </SimpleShowLayout>
  </Show>
);
