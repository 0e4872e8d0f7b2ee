import { SequelizeStorage, Umzug } from 'umzug';
import type { Database } from './database';
import * as m0001 from './migrations/0001-initial-schema';
import * as m0002 from './migrations/0002-audit-append-only';
import * as m0003 from './migrations/0003-rate-limit-hits';
import * as m0004 from './migrations/0004-list-indexes-and-counters';
import * as m0005 from './migrations/0005-overdue-hour-counters';
import * as m0006 from './migrations/0006-staff-enrolment-and-four-eyes';
import * as m0007 from './migrations/0007-search-index';
import * as m0008 from './migrations/0008-sign-in-throttle-and-sessions';
import * as m0009 from './migrations/0009-staff-second-factor';
import * as m0010 from './migrations/0010-after-decision-marks';
import * as m0012 from './migrations/0012-audit-merkle-tree';
import * as m0015 from './migrations/0015-appeals-and-fair-clock';
import * as m0016 from './migrations/0016-peer-commands-and-closing';
import * as m0017 from './migrations/0017-refund-threshold-per-currency';

export interface MigrationContext {
  db: Database;
}

// Listed here rather than globbed so the bundle of migrations is explicit and ordered.
const MIGRATIONS = [
  { name: '0001-initial-schema', ...m0001 },
  { name: '0002-audit-append-only', ...m0002 },
  { name: '0003-rate-limit-hits', ...m0003 },
  { name: '0004-list-indexes-and-counters', ...m0004 },
  { name: '0005-overdue-hour-counters', ...m0005 },
  { name: '0006-staff-enrolment-and-four-eyes', ...m0006 },
  { name: '0007-search-index', ...m0007 },
  { name: '0008-sign-in-throttle-and-sessions', ...m0008 },
  { name: '0009-staff-second-factor', ...m0009 },
  { name: '0010-after-decision-marks', ...m0010 },
  { name: '0012-audit-merkle-tree', ...m0012 },
  { name: '0015-appeals-and-fair-clock', ...m0015 },
  { name: '0016-peer-commands-and-closing', ...m0016 },
  { name: '0017-refund-threshold-per-currency', ...m0017 },
];

export function createMigrator(db: Database) {
  return new Umzug<MigrationContext>({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: ({ context }) => m.up(context),
      down: ({ context }) => m.down(context),
    })),
    context: { db },
    storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

export async function migrate(db: Database): Promise<string[]> {
  const done = await createMigrator(db).up();
  return done.map((m) => m.name);
}
