import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * A note or attachment added to a request after its final decision (completed, rejected, withdrawn;
 * only a supervisor may) is marked so: `after_decision`. Everything written before is not.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  for (const table of ['closure_notes', 'attachments']) {
    await qi.addColumn(table, 'after_decision', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  }
}

export async function down({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  for (const table of ['closure_notes', 'attachments']) await qi.removeColumn(table, 'after_decision');
}
