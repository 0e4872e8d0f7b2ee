import { useState } from 'react';
import { Create, Edit, HttpError, useNotify, useRedirect, useUpdate, type RaRecord, type UseUpdateMutateParams } from 'react-admin';
import { StaffUserForm } from './StaffUserForm';
import { HandOverDialog, type HandOverAsk } from './HandOverDialog';

/** The server answers the whole record; only what an admin may change is sent back. */
const editable = ({ fullName, role, active, locale }: RaRecord) => ({ fullName, role, active, locale });

/** The open-request count of a 409 asking where someone's work goes, or null for any other error. */
function handOverNeeded(error: unknown): number | null {
  if (!(error instanceof HttpError) || error.body?.code !== 'precondition_failed') return null;
  const detail = (error.body?.details as { path?: string; openRequests?: number }[] | undefined)?.find((d) => d.path === 'handOverTo');
  return detail ? Number(detail.openRequests ?? 0) : null;
}

/**
 * Admins change names, roles, language and activity; disabling ends the person's sessions. Someone
 * who stops working requests while holding open ones is refused by the server until the admin says
 * where that work goes: the dialog asks, and the same change is sent again with `handOverTo`.
 */
export const StaffUserEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const [update, { isPending }] = useUpdate();
  const [ask, setAsk] = useState<(HandOverAsk & { data: Partial<RaRecord>; previousData?: RaRecord }) | null>(null);
  const saved = (data: RaRecord) => {
    notify(data.active === false ? 'app.staff.saved_inactive' : 'app.staff.saved', { type: 'success', messageArgs: { name: String(data.fullName) } });
    redirect('show', 'staff-users', data.id);
  };
  const failed = (error: unknown) =>
    notify(error instanceof Error && error.message ? error.message : 'ra.notification.http_error', { type: 'error' });
  const handOver = (handOverTo: number | null) => {
    if (!ask) return;
    update(
      'staff-users',
      { id: ask.staffId, data: { ...ask.data, handOverTo }, previousData: ask.previousData },
      {
        mutationMode: 'pessimistic',
        onSuccess: (data: RaRecord) => {
          setAsk(null);
          notify('app.staff.handed_over', {
            type: 'success',
            messageArgs: { name: String(data.fullName), smart_count: ask.openRequests },
          });
          redirect('show', 'staff-users', data.id);
        },
        onError: failed,
      },
    );
  };
  return (
    <>
      <Edit
        mutationMode="pessimistic"
        transform={editable}
        mutationOptions={{
          // Say what happened, not react-admin's "Element updated".
          onSuccess: saved,
          onError: (error: unknown, variables: Partial<UseUpdateMutateParams>) => {
            const openRequests = handOverNeeded(error);
            if (openRequests === null || !variables.data) return failed(error);
            setAsk({
              staffId: Number(variables.id),
              name: String(variables.data.fullName ?? variables.previousData?.fullName ?? ''),
              openRequests,
              data: variables.data,
              previousData: variables.previousData,
            });
          },
        }}
      >
        <StaffUserForm />
      </Edit>
      <HandOverDialog key={ask?.staffId ?? 0} ask={ask} busy={isPending} onCancel={() => setAsk(null)} onConfirm={handOver} />
    </>
  );
};

/** Creating an account sends the new member their invitation e-mail. */
export const StaffUserCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (data: RaRecord) => {
          notify('app.staff.invited', { type: 'success', messageArgs: { email: String(data.email) } });
          redirect('show', 'staff-users', data.id);
        },
      }}
    >
      <StaffUserForm create />
    </Create>
  );
};
