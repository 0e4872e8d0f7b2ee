import type { Model, ModelStatic, Transaction } from 'sequelize';
import type { Database } from './database';
import { sqlValue } from './bulk-insert';

/**
 * Plain SQL for the write paths every action takes (the request, its audit event, its counters,
 * its outbox rows): a model call there costs 0.3–1 ms of JavaScript against a few hundredths for a
 * prepared statement, and it runs while the single write lock is held. Rows keep the models'
 * attribute names and the drivers' value shapes, as `raw: true` gives them, so callers do not change.
 */

const selectLists = new WeakMap<object, Map<string, string>>();

/** `alias.column AS "attribute", …` for every attribute of a model. */
export function columnsOf(model: ModelStatic<Model>, alias: string): string {
  let byAlias = selectLists.get(model);
  if (!byAlias) selectLists.set(model, (byAlias = new Map()));
  let list = byAlias.get(alias);
  if (list === undefined) {
    list = Object.entries(model.getAttributes()).map(([name, a]) => `${alias}.${a.field ?? name} AS "${name}"`).join(', ');
    byAlias.set(alias, list);
  }
  return list;
}

/** The column an attribute is stored in. */
export function columnOf(model: ModelStatic<Model>, attribute: string): string {
  const a = model.getAttributes()[attribute];
  if (!a) throw new Error(`${model.name} has no attribute ${attribute}`);
  return a.field ?? attribute;
}

/** `SET column = $n, …` for the given attributes, values as the dialect stores them (numbered from `first`). */
export function setClause(db: Database, model: ModelStatic<Model>, changes: Record<string, unknown>, first = 1): { sql: string; values: unknown[] } {
  const entries = Object.entries(changes);
  return {
    sql: entries.map(([k], i) => `"${columnOf(model, k)}" = $${first + i}`).join(', '),
    values: entries.map(([, v]) => sqlValue(db, v)),
  };
}

/** `INSERT INTO table (columns) VALUES ($1, …) RETURNING id` for one row of a model. */
export function insertRow(db: Database, model: ModelStatic<Model>, row: Record<string, unknown>): { sql: string; values: unknown[] } {
  const entries = Object.entries(row);
  return {
    sql: `INSERT INTO ${model.getTableName() as string} (${entries.map(([k]) => `"${columnOf(model, k)}"`).join(', ')})
      VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values: entries.map(([, v]) => sqlValue(db, v)),
  };
}

/**
 * A read inside the caller's transaction when there is one (it must see the transaction's own
 * writes), else on a read connection. SQL as for `db.query`: parameters `$1`, `$2`…
 */
export function readRows<T = Record<string, unknown>>(db: Database, tx: Transaction | undefined, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return tx ? db.query<T>(tx, sql, params) : db.select<T>(sql, params);
}

/**
 * Parameters collected while SQL is written: `p(value)` keeps the value and answers its
 * placeholder, numbered after `reserved` of the caller's own, so no value is ever part of the SQL text.
 */
export function sqlParams(db: Database, reserved = 0): { params: unknown[]; p: (value: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    p: (value) => {
      params.push(value);
      return db.placeholder(reserved + params.length);
    },
  };
}
