import { BooleanField, RecordField, ReferenceField, TextField } from 'react-admin';
import { DateTimeField, DayField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { StaffField } from '../common/StaffField';
import { DueAtField } from './DueAtField';

/** Everything about the request itself (reference and status are in the header above). */
export const ClosureRequestSummary = () => (
  <>
    <Section title="app.sections.request">
      <RecordField source="customerId">
        <ReferenceField source="customerId" reference="customers" link="show" />
      </RecordField>
      <RecordField source="accountNo" />
      <RecordField source="channel">
        <EnumField source="channel" enumName="channel" variant="text" />
      </RecordField>
      <RecordField source="reasonCode">
        <EnumField source="reasonCode" enumName="reasonCode" variant="text" />
      </RecordField>
      <RecordField source="reasonText" sx={{ gridColumn: { xs: 'span 2', md: 'span 4' } }}>
        <TextField source="reasonText" sx={{ whiteSpace: 'pre-wrap' }} />
      </RecordField>
    </Section>
    <Section title="app.sections.handling">
      <RecordField source="assigneeId">
        <StaffField source="assigneeId" nameSource="assigneeName" emptyText="app.unassigned" />
      </RecordField>
      <RecordField source="submittedAt">
        <DateTimeField source="submittedAt" />
      </RecordField>
      <RecordField source="dueAt">
        <DueAtField />
      </RecordField>
      <RecordField source="identityVerified">
        <BooleanField source="identityVerified" looseValue />
      </RecordField>
      <RecordField source="verificationMethod">
        <EnumField source="verificationMethod" enumName="verificationMethod" variant="text" />
      </RecordField>
    </Section>
    <Section title="app.sections.decision">
      <RecordField source="requestedEffectiveDate">
        <DayField source="requestedEffectiveDate" />
      </RecordField>
      <RecordField source="balanceDecision">
        <EnumField source="balanceDecision" enumName="balanceDecision" variant="text" />
      </RecordField>
      <RecordField source="effectiveDate">
        <DayField source="effectiveDate" />
      </RecordField>
      <RecordField source="rejectReasonCode">
        <EnumField source="rejectReasonCode" enumName="rejectReasonCode" variant="text" />
      </RecordField>
      <RecordField source="resolvedAt">
        <DateTimeField source="resolvedAt" />
      </RecordField>
      <RecordField source="completedAt">
        <DateTimeField source="completedAt" />
      </RecordField>
    </Section>
  </>
);
