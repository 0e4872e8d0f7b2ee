import type { MigrationContext } from '../migrate';

/** The database itself refuses to change or remove audit events, whatever the application does. */
export async function up({ db }: MigrationContext): Promise<void> {
  const q = (sql: string) => db.sequelize.query(sql);
  if (db.dialect === 'sqlite') {
    await q(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
             BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    await q(`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
             BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    return;
  }
  await q(`CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$ LANGUAGE plpgsql`);
  await q(`CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
           FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  await q(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
           FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
}

export async function down({ db }: MigrationContext): Promise<void> {
  const q = (sql: string) => db.sequelize.query(sql);
  if (db.dialect === 'sqlite') {
    await q('DROP TRIGGER IF EXISTS audit_events_no_update');
    await q('DROP TRIGGER IF EXISTS audit_events_no_delete');
    return;
  }
  await q('DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events');
  await q('DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events');
  await q('DROP FUNCTION IF EXISTS audit_events_append_only()');
}
