import { auditEventResource } from '../src/audit/resources';
import { billingResources } from '../src/billing/resources';
import { closureRequestResource } from '../src/closures/resources';
import { customerResources } from '../src/customers/resources';
import type { AppContext } from '../src/platform/context';
import { createDatabase, type Database } from '../src/platform/db/database';
import { defineModels } from '../src/platform/db/models';
import { listPage, type ListResource } from '../src/platform/http/list-resource';
import { parseListQuery } from '../src/platform/http/list-query';
import { createLogger } from '../src/platform/logging';
import { loadConfig } from '../src/platform/config';
import { BENCH_SEARCH_INDEX_KEY } from './datasets';
import { summarise, type Latency } from './load';

/**
 * The server's own list code (SQL building, the queries, rows to JSON) run in the bench's
 * process on the same database, without HTTP: what the list costs beside the raw query.
 */
export interface InProcess {
  time(path: string, seconds: number): Promise<Latency>;
  close(): Promise<void>;
}

export function inProcess(databaseUrl: string): InProcess {
  const db: Database = createDatabase(databaseUrl);
  const ctx: AppContext = { config: { ...loadConfig(), databaseUrl, searchIndexKey: BENCH_SEARCH_INDEX_KEY }, db, models: defineModels(db.sequelize), logger: createLogger('silent') };
  const specs = new Map<string, ListResource>(
    [closureRequestResource(ctx), ...customerResources(ctx), ...billingResources(ctx), auditEventResource(ctx)].map((s) => [s.name, s]),
  );
  return {
    async time(path, seconds) {
      const url = new URL(path, 'http://bench');
      const spec = specs.get(url.pathname.replace('/api/', ''))!;
      const query = parseListQuery(Object.fromEntries(url.searchParams), {
        filters: spec.filters, sorts: Object.keys(spec.sorts), defaultSort: spec.defaultSort, q: Boolean(spec.searchSql),
      });
      const run = async () => JSON.stringify(await listPage(db, spec, query));
      for (let i = 0; i < 3; i++) await run();
      const ms: number[] = [];
      const until = performance.now() + seconds * 1000;
      while (ms.length < 5 || (performance.now() < until && ms.length < 2000)) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      return summarise(ms);
    },
    close: () => db.close(),
  };
}
