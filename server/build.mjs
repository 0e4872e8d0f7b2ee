// Builds the server to plain JavaScript for `npm start` (node dist/main.js): one ES module per
// entry point (the server, each command-line tool, the demo-data worker) with shared chunks, all
// in dist/ side by side, so a file that finds a neighbour by `new URL('./x.js', import.meta.url)`
// finds it wherever esbuild put the code. The shared workspace is TypeScript source and is bundled
// in; every npm dependency stays an import of node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = path.dirname(new URL(import.meta.url).pathname);
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@closure-desk/'));
const cli = fs.readdirSync(path.join(here, 'src/cli')).filter((f) => f.endsWith('.ts')).map((f) => `src/cli/${f}`);

fs.rmSync(path.join(here, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: ['src/main.ts', 'demo-data/batch-worker.ts', ...cli],
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
