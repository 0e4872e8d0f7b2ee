import type { MigrationContext } from '../migrate';

/**
 * Search that cannot unmask (issue 11, item 4).
 *
 * - `search_digests`: the blind index of the values a search finds only whole (phone numbers and
 *   MSISDNs, e-mail addresses, document numbers, ICCIDs): one keyed hash per customer and value
 *   (customers/search-index.ts). The key lives with the server, not here, so this migration only
 *   makes the table; the server fills it at start from the rows already there
 *   (ensureSearchIndex: `search_index_state.key_check` is empty until then, and names the key after).
 * - A trigram index of the texts a search finds by substring: customer names and account numbers,
 *   request references. SQLite: FTS5 tables with the `trigram` tokenizer (SQLite ≥ 3.34) over the
 *   tables' own rows (external content), kept by triggers and filled here from the rows already
 *   there. PostgreSQL: GIN indexes with pg_trgm's operator class, built here over the rows there.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const q = (sql: string) => db.sequelize.query(sql);
  const id = db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  await q(`CREATE TABLE search_digests (
    customer_id ${id} NOT NULL REFERENCES customers (id),
    digest VARCHAR(32) NOT NULL)`);
  await q('CREATE INDEX search_digests_digest_customer_id_idx ON search_digests (digest, customer_id)');
  await q('CREATE INDEX search_digests_customer_id_idx ON search_digests (customer_id)');
  await q('CREATE TABLE search_index_state (id INTEGER NOT NULL PRIMARY KEY, key_check VARCHAR(64) NOT NULL)');
  await q(`INSERT INTO search_index_state (id, key_check) VALUES (1, '')`);

  if (db.dialect === 'postgres') {
    await q('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q('CREATE INDEX customers_full_name_trgm_idx ON customers USING gin (LOWER(full_name) gin_trgm_ops)');
    await q('CREATE INDEX customers_account_no_trgm_idx ON customers USING gin (account_no gin_trgm_ops)');
    await q('CREATE INDEX closure_requests_reference_trgm_idx ON closure_requests USING gin (reference gin_trgm_ops)');
    return;
  }
  for (const t of TRIGRAM_TABLES) {
    const cols = t.columns.join(', ');
    const news = t.columns.map((c) => `new.${c}`).join(', ');
    const olds = t.columns.map((c) => `old.${c}`).join(', ');
    await q(`CREATE VIRTUAL TABLE ${t.fts} USING fts5(${cols}, content='${t.table}', content_rowid='id', tokenize='trigram')`);
    await q(`CREATE TRIGGER ${t.fts}_ai AFTER INSERT ON ${t.table} BEGIN
      INSERT INTO ${t.fts} (rowid, ${cols}) VALUES (new.id, ${news}); END`);
    await q(`CREATE TRIGGER ${t.fts}_ad AFTER DELETE ON ${t.table} BEGIN
      INSERT INTO ${t.fts} (${t.fts}, rowid, ${cols}) VALUES ('delete', old.id, ${olds}); END`);
    await q(`CREATE TRIGGER ${t.fts}_au AFTER UPDATE OF ${cols} ON ${t.table} BEGIN
      INSERT INTO ${t.fts} (${t.fts}, rowid, ${cols}) VALUES ('delete', old.id, ${olds});
      INSERT INTO ${t.fts} (rowid, ${cols}) VALUES (new.id, ${news}); END`);
    await q(`INSERT INTO ${t.fts} (${t.fts}) VALUES ('rebuild')`);
  }
}

/** Frozen here (the seed drops and rebuilds these around a bulk load by the same names). */
export const TRIGRAM_TABLES = [
  { fts: 'customer_search', table: 'customers', columns: ['full_name', 'account_no'] },
  { fts: 'closure_request_search', table: 'closure_requests', columns: ['reference'] },
] as const;

export async function down({ db }: MigrationContext): Promise<void> {
  const q = (sql: string) => db.sequelize.query(sql);
  if (db.dialect === 'postgres') {
    for (const i of ['customers_full_name_trgm_idx', 'customers_account_no_trgm_idx', 'closure_requests_reference_trgm_idx']) await q(`DROP INDEX IF EXISTS ${i}`);
  } else {
    for (const t of TRIGRAM_TABLES) {
      for (const s of ['ai', 'ad', 'au']) await q(`DROP TRIGGER IF EXISTS ${t.fts}_${s}`);
      await q(`DROP TABLE IF EXISTS ${t.fts}`);
    }
  }
  await q('DROP TABLE IF EXISTS search_index_state');
  await q('DROP TABLE IF EXISTS search_digests');
}
