import { Box } from '@mui/material';
import { RecordField, Show, TextField } from 'react-admin';
import { DateTimeField } from '../common/dates';
import { EnumField } from '../common/EnumField';
import { CodeField } from '../common/CodeField';
import { Section } from '../common/Section';
import { JsonField } from './JsonField';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;
const wide = { gridColumn: 'span 2' } as const;

export const AuditEventShow = () => (
  <Show>
    <Box sx={{ p: 2 }}>
      <Section title="app.sections.event">
        <RecordField source="id" />
        <RecordField source="at">
          <DateTimeField source="at" />
        </RecordField>
        <RecordField source="action">
          <CodeField source="action" group="auditAction" />
        </RecordField>
        <RecordField source="reason" />
        <RecordField source="entityType">
          <CodeField source="entityType" group="entityType" />
        </RecordField>
        <RecordField source="entityId" />
        <RecordField source="actorEmail" />
        <RecordField source="actorId" />
        <RecordField source="actorRole">
          <EnumField source="actorRole" enumName="role" variant="text" />
        </RecordField>
        <RecordField source="ip" />
      </Section>
      <Section title="app.sections.changes">
        <RecordField source="before" sx={wide}>
          <JsonField source="before" />
        </RecordField>
        <RecordField source="after" sx={wide}>
          <JsonField source="after" />
        </RecordField>
      </Section>
      <Section title="app.sections.integrity">
        <RecordField source="prevHash" sx={wide}>
          <TextField source="prevHash" sx={mono} />
        </RecordField>
        <RecordField source="hash" sx={wide}>
          <TextField source="hash" sx={mono} />
        </RecordField>
      </Section>
    </Box>
  </Show>
);
