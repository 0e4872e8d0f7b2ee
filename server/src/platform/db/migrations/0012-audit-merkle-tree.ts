import { createHash } from 'node:crypto';
import type { MigrationContext } from '../migrate';

/**
 * The audit log's Merkle tree (RFC 9162 §2.1; docs/AUDIT.md "The Merkle tree") and its signed
 * checkpoints. audit_tree_nodes holds every complete subtree's hash (hex) by (level, idx); the
 * audit core adds to it with every event. Events already there are built into it here, with the
 * hash rule and tree rule frozen in this file (a migration does not import live code). Both
 * tables are append-only, as audit_events is.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const pg = db.dialect === 'postgres';
  const q = (sql: string) => db.sequelize.query(sql);
  await q(`CREATE TABLE audit_tree_nodes (
    level INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (level, idx))${pg ? '' : ' WITHOUT ROWID'}`);
  await q(`CREATE TABLE audit_checkpoints (
    id ${pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
    tree_size BIGINT NOT NULL,
    root_hash VARCHAR(64) NOT NULL,
    origin VARCHAR(255) NOT NULL,
    key_id VARCHAR(8) NOT NULL,
    note TEXT NOT NULL,
    event_id BIGINT NOT NULL,
    created_at ${pg ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME'} NOT NULL)`);
  await q('CREATE INDEX audit_checkpoints_tree_size ON audit_checkpoints (tree_size)');
  for (const table of ['audit_tree_nodes', 'audit_checkpoints']) {
    if (pg) {
      await q(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
               FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    } else {
      await q(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
      await q(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
    }
  }
  await buildExistingTree(db);
}

const sha = (parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

async function buildExistingTree(db: MigrationContext['db']): Promise<void> {
  const frontier: (Buffer | undefined)[] = [];
  let size = 0;
  let after = 0;
  for (;;) {
    const rows = (await db.sequelize.query(
      `SELECT id, at, actor_id, actor_email, actor_role, ip, action, entity_type, entity_id, reason, before, after, prev_hash, hash
       FROM audit_events WHERE id > ${after} ORDER BY id LIMIT 5000`, { type: 'SELECT' })) as Record<string, unknown>[];
    if (rows.length === 0) return;
    const out: unknown[] = [];
    for (const r of rows) {
      const id = Number(r.id);
      if (id !== size + 1) throw new Error(`audit_events: id ${id} follows ${size}: the chain has a gap`);
      const at = (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString();
      const text = JSON.stringify([id, at, r.actor_id ?? null, r.actor_email ?? null, r.actor_role ?? null, r.ip ?? null, r.action,
        r.entity_type, r.entity_id ?? null, r.reason ?? null, r.before ?? null, r.after ?? null, r.prev_hash]);
      if (sha([text]).toString('hex') !== r.hash) throw new Error(`audit_events: event ${id} does not match its hash`);
      let cur = sha([LEAF, text]);
      let level = 0;
      let index = size;
      out.push(0, index, cur.toString('hex'));
      while (index % 2 === 1) {
        cur = sha([NODE, frontier[level]!, cur]);
        frontier[level] = undefined;
        level += 1;
        index = (index - 1) / 2;
        out.push(level, index, cur.toString('hex'));
      }
      frontier[level] = cur;
      size += 1;
    }
    for (let i = 0; i < out.length; i += 3 * 1000) {
      const chunk = out.slice(i, i + 3 * 1000);
      const tuples = Array.from({ length: chunk.length / 3 }, (_, t) => `(${Number(chunk[3 * t])}, ${Number(chunk[3 * t + 1])}, '${chunk[3 * t + 2]}')`);
      await db.sequelize.query(`INSERT INTO audit_tree_nodes (level, idx, hash) VALUES ${tuples.join(', ')}`);
    }
    after = size;
  }
}

export async function down({ db }: MigrationContext): Promise<void> {
  await db.sequelize.query('DROP TABLE IF EXISTS audit_checkpoints');
  await db.sequelize.query('DROP TABLE IF EXISTS audit_tree_nodes');
}
