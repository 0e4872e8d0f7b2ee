import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DayField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';

export const BillShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="billNo" />
      <CustomerField source="customerId" />
      <EnumField source="status" enumName="billStatus" />
      <DayField source="periodStart" />
      <DayField source="periodEnd" />
      <DayField source="dueDate" />
      <MoneyField source="amountDue" />
      <MoneyField source="amountPaid" />
      <TextField source="currency" />
    </SimpleShowLayout>
  </Show>
);
