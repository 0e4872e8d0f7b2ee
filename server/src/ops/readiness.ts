import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { createMigrator } from '../platform/db/migrate';
import type { RouteDef } from '../platform/http/routes';
import { ReadinessAnswer } from '@closure-desk/shared';

const CHECK_TIMEOUT_MS = 3_000;
const draining = new WeakSet<AppContext>();

/** From now on /api/ready answers 503, so the load balancer stops sending new work here. */
export const markDraining = (ctx: AppContext) => draining.add(ctx);

export interface Readiness {
  status: 'ready';
  migrations: { applied: number; pending: number };
}

const notReady = (why: string) => new AppError('service_unavailable', `Not ready: ${why}`);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(notReady('the database did not answer in time')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness, unlike liveness (/api/health): this instance should get traffic only while the
 * database answers, every migration this code knows has run, and it is not shutting down.
 */
export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  if (draining.has(ctx)) throw notReady('shutting down');
  const check = async () => {
    try {
      await ctx.db.sequelize.query('SELECT 1');
    } catch {
      throw notReady('the database does not answer');
    }
    const migrator = createMigrator(ctx.db);
    const [executed, pending] = await Promise.all([migrator.executed(), migrator.pending()]).catch(() => {
      throw notReady('the migration table cannot be read');
    });
    if (pending.length) throw notReady(`${pending.length} database migration(s) have not run`);
    return { status: 'ready' as const, migrations: { applied: executed.length, pending: 0 } };
  };
  return withTimeout(check(), CHECK_TIMEOUT_MS);
}

export function readinessRoute(ctx: AppContext): RouteDef {
  return {
    method: 'get', path: '/ready', access: 'public', handler: () => checkReadiness(ctx),
    doc: {
      operationId: 'getReadiness', summary: 'Readiness: the database answers and every migration has run', tag: 'ops',
      ok: { status: 200, description: 'Ready for traffic', schema: ReadinessAnswer },
      errors: ['service_unavailable'],
    },
  };
}
