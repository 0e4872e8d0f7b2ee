import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

/**
 * Calls counted per caller per minute (the intake API's rate limit), in the database so that
 * every instance behind the load balancer counts against the same limit.
 */
export async function up({ db }: MigrationContext): Promise<void> {
  const qi = db.sequelize.getQueryInterface();
  await qi.createTable('rate_limit_hits', {
    bucket: { type: DataTypes.STRING(100), allowNull: false, primaryKey: true },
    window_start: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true }, // epoch minute
    hits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex('rate_limit_hits', { fields: ['window_start'], name: 'rate_limit_hits_window_start_idx' });
}

export async function down({ db }: MigrationContext): Promise<void> {
  await db.sequelize.getQueryInterface().dropTable('rate_limit_hits');
}
