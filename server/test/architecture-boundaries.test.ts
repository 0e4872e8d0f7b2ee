import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own ESLint configuration (eslint.config.mjs, run by `npm run lint` in npm test),
// given planted files: the boundaries docs/STYLE.md draws fail the lint, the front doors pass.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the architecture boundaries ESLint enforces', () => {
  it.each([
    ['a component reaching into another component’s file', 'server/src/refunds/planted.ts', "import { lockClosureRequest } from '../closures/repository';\nexport const x = lockClosureRequest;\n"],
    ['a component importing the demo-data generator', 'server/src/closures/planted.ts', "import { seedDemoData } from '../../demo-data/seed';\nexport const x = seedDemoData;\n"],
    ['platform importing a component', 'server/src/platform/http/planted.ts', "import { appendAuditEvent } from '../../audit';\nexport const x = appendAuditEvent;\n"],
    ['a migration importing live code', 'server/src/platform/db/migrations/9999-planted.ts', "import { OPEN_STATUSES } from '@closure-desk/shared';\nexport const x = OPEN_STATUSES;\n"],
    ['a migration importing a live module by path', 'server/src/platform/db/migrations/9999-planted.ts', "import { createMigrator } from '../migrate';\nexport const x = createMigrator;\n"],
    ['the client importing server code', 'client/src/planted.ts', "import { loadConfig } from '../../server/src/platform/config';\nexport const x = loadConfig;\n"],
  ])('refuses %s', async (_name, file, code) => {
    const found = await problems(file, code);
    expect(found.some((p) => p.startsWith('no-restricted-imports') || p.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
  });

  it.each([
    ['a component using another through its index.ts', 'server/src/refunds/planted.ts', "import { lockClosureRequest } from '../closures';\nexport const x = lockClosureRequest;\n"],
    ['a component using platform', 'server/src/refunds/planted.ts', "import { loadConfig } from '../platform/config';\nexport const x = loadConfig;\n"],
    ['a migration importing its context’s type', 'server/src/platform/db/migrations/9999-planted.ts', "import type { MigrationContext } from '../migrate';\nexport type X = MigrationContext;\n"],
    ['the seed command loading the demo data', 'server/src/cli/planted.ts', "import { seedDemoData } from '../../demo-data/seed';\nexport const x = seedDemoData;\n"],
  ])('allows %s', async (_name, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
