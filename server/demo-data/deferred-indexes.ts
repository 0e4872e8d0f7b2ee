import { QueryTypes } from 'sequelize';
import type { Database } from '../src/platform/db/database';
import { TRIGRAM_TABLES } from '../src/platform/db/migrations/0007-search-index';

/** The tables the seed fills in bulk. */
const BULK_TABLES = ['customers', 'esim_profiles', 'search_digests', 'bills', 'balance_entries', 'closure_requests', 'refunds', 'notifications', 'audit_events'];

interface IndexDef {
  name: string;
  sql: string;
}

/**
 * Runs a bulk load with the secondary indexes of the bulk tables dropped, then builds them again
 * from their own definitions (as the database catalog holds them, so they come back exactly as
 * the migrations made them). Sorting each index once is several times cheaper than keeping some
 * seventy indexes in order row by row. Primary keys and UNIQUE constraints stay, and so do the
 * checks they make while loading. On SQLite the triggers that keep the trigram (FTS5) tables are
 * dropped too, and each table is rebuilt from its rows in one pass at the end (half the time of
 * a trigger per row); PostgreSQL's trigram indexes are secondary indexes like the others.
 */
export async function withIndexesDeferred<T>(db: Database, load: () => Promise<T>): Promise<T> {
  const indexes = await secondaryIndexes(db);
  const triggers = await trigramTriggers(db);
  await db.transaction(async (tx) => {
    for (const index of indexes) await db.sequelize.query(`DROP INDEX ${index.name}`, { transaction: tx });
    for (const trigger of triggers) await db.sequelize.query(`DROP TRIGGER ${trigger.name}`, { transaction: tx });
  });
  const result = await load();
  await db.transaction(async (tx) => {
    // Let the index builds sort on both cores and in memory.
    await db.sequelize.query(db.dialect === 'sqlite' ? 'PRAGMA threads=2' : `SET LOCAL maintenance_work_mem = '256MB'`, { transaction: tx });
    for (const index of indexes) await db.sequelize.query(index.sql, { transaction: tx });
    if (triggers.length) {
      for (const t of TRIGRAM_TABLES) await db.sequelize.query(`INSERT INTO ${t.fts} (${t.fts}) VALUES ('rebuild')`, { transaction: tx });
      for (const trigger of triggers) await db.sequelize.query(trigger.sql, { transaction: tx });
    }
    if (db.dialect === 'sqlite') await db.sequelize.query('PRAGMA threads=0', { transaction: tx });
  });
  return result;
}

async function trigramTriggers(db: Database): Promise<IndexDef[]> {
  if (db.dialect !== 'sqlite') return [];
  const names = TRIGRAM_TABLES.flatMap((t) => ['ai', 'ad', 'au'].map((s) => `'${t.fts}_${s}'`)).join(', ');
  return db.sequelize.query<IndexDef>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names}) ORDER BY name`,
    { type: QueryTypes.SELECT },
  );
}

async function secondaryIndexes(db: Database): Promise<IndexDef[]> {
  const tables = BULK_TABLES.map((t) => `'${t}'`).join(', ');
  if (db.dialect === 'sqlite') {
    return db.sequelize.query<IndexDef>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables}) ORDER BY name`,
      { type: QueryTypes.SELECT },
    );
  }
  return db.sequelize.query<IndexDef>(
    `SELECT indexname AS name, indexdef AS sql FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename IN (${tables})
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = (schemaname || '.' || tablename)::regclass)
     ORDER BY indexname`,
    { type: QueryTypes.SELECT },
  );
}
