import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../src/platform/config';

export interface BenchOptions {
  customers: number;
  /** a PostgreSQL URL whose role may create databases: the same work runs there too */
  pg: string | null;
  /** seconds of load per throughput measurement */
  duration: number;
  connections: number;
  /** seconds an export may stream before the bench stops reading */
  exportSeconds: number;
  /** seed again even when a database of this scale exists */
  fresh: boolean;
  /** where the report goes (docs/PERFORMANCE.md by default; relative to the repository); '-' for none */
  out: string;
  /** the sections to run (all by default) */
  only: Set<string> | null;
  dataDir: string;
  /** the tree section: leaves of the synthetic tree the proofs are timed on, and the customers its seed timing loads */
  treeSize: number;
  treeSeedCustomers: number;
}

export const SECTIONS = ['lists', 'page', 'actions', 'exports', 'tree', 'sse'] as const;

const USAGE = `npm run bench -- [--customers 500000] [--pg postgres://user:pass@host:5432/postgres]
  [--duration 10] [--connections 10] [--export-seconds 60] [--fresh] [--out docs/PERFORMANCE.md|-]
  [--only ${SECTIONS.join(',')}] [--tree-size 2500000] [--tree-seed-customers 2000]`;

export function readOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '500000' },
      pg: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      'export-seconds': { type: 'string', default: '60' },
      fresh: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(repoRoot, 'docs', 'PERFORMANCE.md') },
      only: { type: 'string' },
      'tree-size': { type: 'string', default: '2500000' },
      'tree-seed-customers': { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min) {
      console.error(`--${name} must be a whole number ≥ ${min}\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
  for (const s of only ?? []) {
    if (!(SECTIONS as readonly string[]).includes(s)) {
      console.error(`--only: unknown section ${s}\n${USAGE}`);
      process.exit(2);
    }
  }
  return {
    customers: int('customers', values.customers, 1),
    pg: values.pg ?? null,
    duration: int('duration', values.duration, 1),
    connections: int('connections', values.connections, 1),
    exportSeconds: int('export-seconds', values['export-seconds'], 1),
    fresh: values.fresh,
    out: values.out === '-' ? '-' : path.resolve(repoRoot, values.out),
    only,
    dataDir: path.join(repoRoot, 'data', 'bench'),
    treeSize: int('tree-size', values['tree-size'], 2),
    treeSeedCustomers: int('tree-seed-customers', values['tree-seed-customers'], 1),
  };
}

export const runs = (opts: BenchOptions, section: (typeof SECTIONS)[number]) => !opts.only || opts.only.has(section);
