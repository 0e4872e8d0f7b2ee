import { lazy, Suspense } from 'react';
import { Alert, Box, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { OPEN_STATUSES } from '@closure-desk/shared';
import { Title, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useMe, type Me } from '../common/useRole';
import { useApi } from '../dataProvider';
import { ChainCard } from './ChainCard';
import { IncidentsCard } from './IncidentsCard';
import { MyQueue } from './MyQueue';
import { RecentExports } from './RecentExports';
import { listUrl, queueUrl, URGENT_FIRST } from '../common/listUrl';
import { StatCard, statGrid } from './StatCard';
import type { Dashboard as DashboardData } from './types';
import { WorkloadTable } from './WorkloadTable';
import { NextRequestButton } from '../live/NextRequestButton';

// ECharts is loaded only when a dashboard draws its charts.
const ActivityCharts = lazy(() => import('./ActivityCharts'));

const OPEN = [...OPEN_STATUSES];
const byDue = URGENT_FIRST;
const twoColumns = { display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' }, alignItems: 'start' } as const;

/** An agent's queue: what is theirs, what is due soon or late, and what waits to be taken. */
const QueueStats = ({ data, me }: { data: DashboardData; me: Me }) => {
  const translate = useTranslate();
  const queue = data.queue;
  if (!queue) return null;
  const soon = new Date(Date.parse(data.generatedAt) + data.dueSoonHours * 3_600_000).toISOString();
  const mine = { assigneeId: me.id, status: OPEN };
  return (
    <Box sx={statGrid}>
      <StatCard name="assigned" label="app.dashboard.assigned_to_me" value={queue.assigned} to={listUrl('closure-requests', mine, byDue)} />
      <StatCard
        name="due-soon"
        label="app.dashboard.due_soon"
        value={queue.dueSoon}
        tone="warning"
        hint={translate('app.dashboard.due_soon_hint', { smart_count: data.dueSoonHours })}
        to={listUrl('closure-requests', { ...mine, overdue: false, dueAt_lte: soon }, byDue)}
      />
      <StatCard name="my-overdue" label="app.dashboard.my_overdue" value={queue.overdue} tone="error" to={listUrl('closure-requests', { ...mine, overdue: true }, byDue)} />
      <StatCard
        name="unassigned"
        label="app.dashboard.waiting"
        value={queue.unassigned}
        hint={translate('app.dashboard.waiting_hint')}
        to={listUrl('closure-requests', { status: 'submitted' }, byDue)}
      />
    </Box>
  );
};

/** A supervisor's view of the team, then their own queue beside the workload. */
const TeamStats = ({ data, me }: { data: DashboardData; me: Me }) => {
  const translate = useTranslate();
  const team = data.team;
  if (!team) return null;
  const queue = data.queue;
  return (
    <>
      <Box sx={statGrid}>
        <StatCard name="unassigned" label="app.dashboard.unassigned" value={team.unassigned} to={listUrl('closure-requests', { status: 'submitted' }, byDue)} />
        <StatCard name="overdue" label="app.dashboard.overdue" value={team.overdue} tone="error" to={listUrl('closure-requests', { overdue: true }, byDue)} />
        <StatCard
          name="refunds-pending"
          label="app.dashboard.refunds_pending"
          value={team.refundsPendingApproval.total}
          tone="warning"
          hint={translate('app.dashboard.refunds_for_you', { smart_count: team.refundsPendingApproval.byOthers })}
          to={listUrl('refunds', { status: 'pending_approval' }, { field: 'createdAt', order: 'ASC' })}
        />
        {queue ? (
          <StatCard
            name="assigned"
            label="app.dashboard.assigned_to_me"
            value={queue.assigned}
            hint={translate('app.dashboard.mine_hint', { overdue: queue.overdue, dueSoon: queue.dueSoon })}
            to={queueUrl({ assigneeId: me.id })}
          />
        ) : null}
      </Box>
      <Box sx={twoColumns}>
        <WorkloadTable rows={team.workload} />
        <MyQueue staffId={me.id} />
      </Box>
      <IncidentsCard incidents={team.incidents} />
    </>
  );
};

const StaffStats = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  if (!data.staff) return null;
  return (
    <Box sx={statGrid}>
      {data.staff.map((row) => (
        <StatCard
          key={row.role}
          name={`staff-${row.role}`}
          label={`enums.role.${row.role}`}
          value={row.active}
          hint={row.inactive ? translate('app.dashboard.inactive_count', { smart_count: row.inactive }) : undefined}
          to={listUrl('staff-users', { role: row.role })}
        />
      ))}
    </Box>
  );
};

/**
 * The first page after signing in, one per role (the server answers each role only its parts):
 * agents their queue, supervisors the team's, auditors the chain and the exports, admins the
 * staff; everyone the activity of the last 30 days.
 */
export const Dashboard = () => {
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({ queryKey: ['dashboard'], queryFn: () => api.getDashboard(), enabled: Boolean(me) });
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, display: 'grid', gap: 2 }} className={`dashboard dashboard-${me?.role ?? 'loading'}`}>
      <Title title="app.dashboard.title" />
      <Typography variant="h5" component="h1">
        {me ? translate(`app.dashboard.hello_${me.role}`, { name: me.fullName }) : ''}
      </Typography>
      {me?.role === 'agent' || me?.role === 'supervisor' ? (
        <Box>
          <NextRequestButton />
        </Box>
      ) : null}
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {isPending ? <Skeleton variant="rounded" height={120} /> : null}
      {data && me ? (
        <>
          {me.role === 'supervisor' ? <TeamStats data={data} me={me} /> : null}
          {me.role === 'agent' ? <QueueStats data={data} me={me} /> : null}
          {me.role === 'agent' ? <MyQueue staffId={me.id} /> : null}
          {me.role === 'auditor' ? <ChainCard /> : null}
          <StaffStats data={data} />
          {data.exports ? <RecentExports rows={data.exports} /> : null}
          <Suspense fallback={<Skeleton variant="rounded" height={320} />}>
            <ActivityCharts activity={data.activity} />
          </Suspense>
        </>
      ) : null}
    </Box>
  );
};
