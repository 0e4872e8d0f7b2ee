/**
 * Writes the OpenAPI document (the one GET /api/openapi.json serves) to a file, for the outside
 * linters of `npm run openapi:lint`. The route table is built without a database: only the
 * declarations are read, no handler runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiRoutes } from '../app';
import type { AppContext } from '../platform/context';
import { buildOpenApi } from '../platform/http/openapi';
import { intakeOpenApi } from '../intake';

export function documentsWithoutDatabase() {
  const fakeModels = new Proxy({}, { get: () => ({}) });
  const ctx = { models: fakeModels, db: { sequelize: { escape: String, literal: String }, dialect: 'sqlite' }, config: {} } as unknown as AppContext;
  const routes = apiRoutes(ctx);
  return { api: buildOpenApi(routes), intake: intakeOpenApi(routes) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? 'openapi');
  fs.mkdirSync(dir, { recursive: true });
  const { api, intake } = documentsWithoutDatabase();
  fs.writeFileSync(path.join(dir, 'openapi.json'), `${JSON.stringify(api, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'intake-openapi.json'), `${JSON.stringify(intake, null, 2)}\n`);
  console.log(`wrote ${dir}/openapi.json (${Object.keys(api.paths).length} paths) and ${dir}/intake-openapi.json`);
  if (process.argv.includes('--validate')) {
    // The second outside judge (Redocly's lint is the first): a full OpenAPI 3.1 schema validation.
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    for (const file of ['openapi.json', 'intake-openapi.json']) {
      await SwaggerParser.validate(path.join(dir, file));
      console.log(`${file}: valid OpenAPI 3.1 (@apidevtools/swagger-parser)`);
    }
  }
}
