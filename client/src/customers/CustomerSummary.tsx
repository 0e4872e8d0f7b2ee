import { RecordField, TextField, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { Section } from '../common/Section';

/** Masked personal data, with a hint that it is masked on purpose. */
const MaskedField = ({ source }: { source: string }) => {
  const translate = useTranslate();
  return (
    <span title={translate('app.masked')}>
      <TextField source={source} sx={{ fontFamily: 'monospace' }} />
    </span>
  );
};

export const CustomerSummary = () => (
  <>
    <Section title="app.sections.customer">
      <RecordField source="accountNo" />
      <RecordField source="fullName" />
      <RecordField source="status">
        <EnumField source="status" enumName="customerStatus" />
      </RecordField>
      <RecordField source="locale">
        <EnumField source="locale" enumName="locale" variant="text" />
      </RecordField>
      <RecordField source="createdAt">
        <DateTimeField source="createdAt" />
      </RecordField>
      <RecordField source="closedAt">
        <DateTimeField source="closedAt" />
      </RecordField>
    </Section>
    <Section title="app.sections.balances">
      <RecordField source="currency" />
      <RecordField source="cashBalance">
        <MoneyField source="cashBalance" />
      </RecordField>
      <RecordField source="promoBalance">
        <MoneyField source="promoBalance" />
      </RecordField>
      <RecordField source="outstandingAmount">
        <MoneyField source="outstandingAmount" alertIfPositive />
      </RecordField>
    </Section>
    <Section title="app.sections.contact">
      <RecordField source="email">
        <MaskedField source="email" />
      </RecordField>
      <RecordField source="phone">
        <MaskedField source="phone" />
      </RecordField>
      <RecordField source="idDocumentType">
        <EnumField source="idDocumentType" enumName="idDocumentType" variant="text" />
      </RecordField>
      <RecordField source="idDocumentNumber">
        <MaskedField source="idDocumentNumber" />
      </RecordField>
    </Section>
  </>
);
