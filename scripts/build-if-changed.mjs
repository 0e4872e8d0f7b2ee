// `npm start`'s build step: builds the client (Vite) and the server (server/build.mjs) only when
// something either is made from changed since the last build, so starting an already built tree
// takes seconds. What counts as changed: any file's path, size or modification time under the
// inputs below (a fingerprint of them is kept beside each build's output). `npm run build` builds
// regardless.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const force = process.argv.includes('--force');

const common = ['shared/src', 'shared/package.json', 'package-lock.json', 'tsconfig.base.json'];
const targets = [
  {
    name: 'client',
    inputs: [...common, 'client/src', 'client/public', 'client/index.html', 'client/package.json', 'vite.config.ts'],
    stamp: 'client/dist/.build-stamp',
    output: 'client/dist/index.html',
    build: ['npm', ['run', 'build', '-w', 'client']],
  },
  {
    name: 'server',
    // the emulators are bundled into the server (it runs them when no peer URL is set)
    inputs: [...common, 'server/src', 'server/demo-data', 'server/package.json', 'server/build.mjs', 'emulators/src', 'emulators/package.json'],
    stamp: 'server/dist/.build-stamp',
    output: 'server/dist/main.js',
    build: ['node', ['server/build.mjs']],
  },
];

function* files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) {
    yield [entry, stat];
    return;
  }
  for (const child of fs.readdirSync(full).sort()) yield* files(path.join(entry, child));
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const entry of inputs) for (const [file, stat] of files(entry)) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  return hash.digest('hex');
}

for (const target of targets) {
  const print = fingerprint(target.inputs);
  const stampFile = path.join(root, target.stamp);
  const built = fs.existsSync(path.join(root, target.output)) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === print;
  if (built && !force) {
    console.log(`build: ${target.name} is up to date`);
    continue;
  }
  console.log(`build: building the ${target.name}`);
  const [command, args] = target.build;
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stampFile, print);
}
