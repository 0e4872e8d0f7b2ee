import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';

export const BalanceEntryShow = () => (
  <Show>
    <SimpleShowLayout>
      <CustomerField source="customerId" />
      <DateTimeField source="occurredAt" />
      <EnumField source="kind" enumName="ledgerKind" variant="text" />
      <EnumField source="bucket" enumName="bucket" variant="text" />
      <MoneyField source="amount" signed />
      <TextField source="currency" />
      <TextField source="reference" />
    </SimpleShowLayout>
  </Show>
);
