import { Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { useMe } from './useRole';
import { useStaffNames } from './useStaffDirectory';

interface StaffFieldProps extends FieldProps {
  source: string;
  /** A display name the server may add beside the id (e.g. `assigneeName`). */
  nameSource?: string;
  /** Translation key shown when nobody is set. */
  emptyText?: string;
}

/**
 * A staff member referred to by id (assignee, creator, approver): "Me" for the viewer, the name
 * the record carries or the staff directory knows, and the staff id otherwise.
 */
export const StaffField = ({ source, nameSource, emptyText }: StaffFieldProps) => {
  const record = useRecordContext();
  const me = useMe();
  const names = useStaffNames();
  const translate = useTranslate();
  if (!record) return null;
  const id: unknown = record[source];
  const name: unknown = nameSource ? record[nameSource] : undefined;
  if (id == null) {
    return emptyText ? (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate(emptyText)}
      </Typography>
    ) : null;
  }
  const known = typeof name === 'string' && name ? name : names.get(Number(id));
  const text = me && id === me.id ? translate('app.me') : (known ?? `#${String(id)}`);
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {text}
    </Typography>
  );
};
