import { Typography } from '@mui/material';
import { useGetIdentity, useRecordContext, useTranslate, type FieldProps } from 'react-admin';

interface StaffFieldProps extends FieldProps {
  source: string;
  /** A display name the server may add beside the id (e.g. `assigneeName`). */
  nameSource?: string;
  /** Translation key shown when nobody is set. */
  emptyText?: string;
}

/**
 * A staff member referred to by id (assignee, creator, approver). Staff names are readable by
 * admins only, so this shows "Me" for the viewer, a name when the record carries one, and the
 * staff id otherwise.
 */
export const StaffField = ({ source, nameSource, emptyText }: StaffFieldProps) => {
  const record = useRecordContext();
  const { identity } = useGetIdentity();
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
  const text =
    identity && id === identity.id ? translate('app.me') : typeof name === 'string' && name ? name : `#${id}`;
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};
