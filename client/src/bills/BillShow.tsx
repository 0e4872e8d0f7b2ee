import { Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { CustomerField } from '../common/CustomerField';
import { DayField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { WaiveBillButton } from './WaiveBillButton';

/** Waive sits on the bill's own page too (for a supervisor, while something is outstanding). */
const BillActions = () => (
  <TopToolbar>
    <WaiveBillButton />
  </TopToolbar>
);

/** The bill's fields; why it was waived only for a waived one. */
const BillFields = () => {
  const record = useRecordContext();
  return (
    <SimpleShowLayout>
      <TextField source="billNo" />
      <CustomerField source="customerId" />
      <EnumField source="status" enumName="billStatus" />
      {record?.waivedReason ? <TextField source="waivedReason" className="bill-waived-reason" /> : null}
      <DayField source="periodStart" />
      <DayField source="periodEnd" />
      <DayField source="dueDate" />
      <MoneyField source="amountDue" />
      <MoneyField source="amountPaid" />
      <MoneyField source="outstanding" alertIfPositive />
      <TextField source="currency" />
    </SimpleShowLayout>
  );
};

export const BillShow = () => (
  <Show actions={<BillActions />}>
    <BillFields />
  </Show>
);
