import { useState } from 'react';
import { Alert, Box, Chip, List, ListItem, ListItemText, Skeleton, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { NOTE_MAX_LENGTH, decideContribution, type ClosureStatus, formatInstant } from '@closure-desk/shared';
import { Button, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';

/**
 * Internal notes for colleagues, newest first (never sent to the customer). The request's assignee or
 * a supervisor adds them; on a final request a supervisor only (shared closure workflow).
 */
export const NotesTab = () => {
  const record = useRecordContext();
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const id = Number(record?.id);
  const { data, isPending, error } = useQuery({
    queryKey: ['closure-requests', 'notes', id],
    queryFn: () => api.getNotes(id),
    enabled: Boolean(record),
  });
  const mayAdd = Boolean(me && record) && decideContribution(me!, { status: record!.status as ClosureStatus, assigneeId: record!.assigneeId ?? null }).ok;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await api.addNote(id, text.trim());
      setText('');
      notify('app.notes.added', { type: 'success' });
      refresh();
    } catch (e) {
      notify(describeApiError(e, translate), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box className="notes" sx={{ maxWidth: 800 }}>
      {mayAdd ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 2, flexWrap: { xs: 'wrap', sm: 'nowrap' } }}>
          <TextField
            fullWidth
            multiline
            minRows={2}
            name="note"
            label={translate('app.notes.new')}
            helperText={translate('app.notes.internal')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            disabled={busy}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX_LENGTH } }}
          />
          <Button label="app.notes.add" variant="contained" onClick={add} disabled={busy || !text.trim()} className="add-note" sx={{ mt: 1 }} />
        </Box>
      ) : null}
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {isPending ? <Skeleton variant="rounded" height={80} /> : null}
      {data && data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.notes.none')}
        </Typography>
      ) : null}
      <List dense disablePadding>
        {(data ?? []).map((note) => (
          <ListItem key={note.id} disableGutters divider className="note" alignItems="flex-start">
            <ListItemText
              primary={
                <>
                  <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>{note.text}</Box>
                  {note.afterDecision ? <Chip size="small" variant="outlined" label={translate('app.notes.after_decision')} className="after-decision" sx={{ ml: 1 }} /> : null}
                </>
              }
              secondary={`${note.authorName ?? `#${note.authorId}`} · ${formatInstant(note.createdAt, locale)}`}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
