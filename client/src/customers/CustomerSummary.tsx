import { Box } from '@mui/material';
import type { MaskedCustomerField } from '@closure-desk/shared';
import { RecordField, TextField, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { MoneyField } from '../common/MoneyField';
import { Section } from '../common/Section';
import { useMe } from '../common/useRole';
import { canReveal } from '../permissions';
import { RevealButton } from './RevealButton';

/** Masked personal data, with a hint that it is masked on purpose and, for those allowed, Reveal. */
const MaskedField = ({ source }: { source: MaskedCustomerField }) => {
  const translate = useTranslate();
  const me = useMe();
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <span title={translate('app.masked')}>
        <TextField source={source} sx={{ fontFamily: 'monospace' }} />
      </span>
      {canReveal(me?.role) ? <RevealButton field={source} /> : null}
    </Box>
  );
};

export const CustomerSummary = ({ compact = false }: { compact?: boolean }) => (
  <>
    <Section title="app.sections.customer">
      {compact ? null : <RecordField source="accountNo" />}
      <RecordField source="fullName" />
      <RecordField source="status">
        <EnumField source="status" enumName="customerStatus" />
      </RecordField>
      <RecordField source="locale">
        <EnumField source="locale" enumName="locale" variant="text" />
      </RecordField>
      {compact ? null : (
        <RecordField source="createdAt">
          <DateTimeField source="createdAt" />
        </RecordField>
      )}
      {compact ? null : (
        <RecordField source="closedAt">
          <DateTimeField source="closedAt" />
        </RecordField>
      )}
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
