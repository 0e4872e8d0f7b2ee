// ESLint for the whole repository (npm run lint, part of npm test): typescript-eslint's strict
// rules, and the architecture's boundaries as import rules, so a reach across them fails the build
// rather than waiting for a reviewer:
//   - a server component (server/src/<name>/) uses another component only through its index.ts;
//     platform/ is the layer under every component and may import none of them;
//   - a migration imports no live code: only Node, its libraries, and other frozen migration text;
//   - the client never imports server code.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const serverSrc = new URL('./server/src/', import.meta.url);
const components = fs.readdirSync(serverSrc, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['platform', 'cli'].includes(d.name))
  .map((d) => d.name);

// from server/src/<component>/: a sibling's file (not platform's), or anything outside server/src
const reachIn = { regex: '^\\.\\./(?!platform/|\\.\\./)[^/]+/', message: 'Use another component through its index.ts (docs/STYLE.md "Components"), not its files.' };
const reachOut = (allowed = '') => ({
  regex: `^\\.\\./\\.\\./${allowed ? `(?!${allowed})` : ''}`,
  message: 'The product does not import what sits beside it (the bench, the demo-data generator, tests).',
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'e2e/artifacts/**', 'e2e/test-results/**', '.openapi/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      // TypeScript checks these itself (and knows about types and globals ESLint does not)
      'no-undef': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // With noUncheckedIndexedAccess every indexed read is `T | undefined`; `x[i]!` after a bounds
      // check (or `find(...)!` of what was just inserted) is how this code base says "checked".
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Tests read JSON answers whose shape the OpenAPI validator already checks.
  {
    files: ['server/test/**', 'server/reliability/**', 'e2e/**', 'shared/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-dynamic-delete': 'off' },
  },
  // Server components: through the front door only.
  ...components.map((name) => ({
    files: [`server/src/${name}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [reachIn, reachOut()] }] },
  })),
  // The command-line entry points are composition roots like main.ts, not components: they may
  // load single modules (the offline audit verifier loads only the pure verification code), and
  // the seed command loads the demo-data generator that sits beside the product.
  {
    files: ['server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [reachOut('demo-data/')] }] },
  },
  {
    files: ['server/src/platform/**/*.ts'],
    ignores: ['server/src/platform/db/migrations/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./)+(${components.join('|')})(/|$)`,
          message: 'platform/ is the layer under the components: it may not import them.',
        }],
      }],
    },
  },
  {
    files: ['server/src/platform/db/migrations/**/*.ts'],
    rules: {
      // a type (the migration's context) is erased at build time, so it cannot change what a migration does
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^\\.\\./', allowTypeImports: true, message: 'A migration is frozen: it may not import live code (copy the values it needs into it).' },
          { regex: '^@closure-desk/', allowTypeImports: true, message: 'A migration is frozen: it may not import live code (copy the values it needs into it).' },
        ],
      }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // the two classic rules of hooks (the plugin's newer React Compiler rules are for code written for the compiler)
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)server/', message: 'The client talks to the server over HTTP only; shared rules live in shared/.' },
          { regex: '^@closure-desk/server', message: 'The client talks to the server over HTTP only; shared rules live in shared/.' },
        ],
      }],
    },
  },
);
