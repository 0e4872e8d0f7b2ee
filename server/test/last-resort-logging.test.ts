import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER_ROOT = path.resolve(import.meta.dirname, '..');

// A process of its own with the real handlers main.ts installs: a rejection nobody awaits inside
// a request, then an exception nobody catches.
const script = `
import { createLogger, installLastResortHandlers, requestScope } from './src/platform/logging.ts';
installLastResortHandlers(createLogger('info'));
requestScope.run({ requestId: 'req-123' }, () => {
  setTimeout(() => Promise.reject(new Error('nobody awaited me')), 10);
});
setTimeout(() => console.log(JSON.stringify({ msg: 'still serving' })), 100);
setTimeout(() => { throw new Error('nobody caught me'); }, 200);
setTimeout(() => console.log(JSON.stringify({ msg: 'should not get here' })), 2000);
`;

describe('last-resort logging', () => {
  it('when a promise rejection is unhandled and then an exception uncaught, then both are logged (with the request id), the first keeps serving, the second exits 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: SERVER_ROOT, encoding: 'utf8', timeout: 30_000 });
    const lines = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    const rejection = lines.find((l) => l.msg === 'unhandled promise rejection');
    expect(rejection, run.stdout + run.stderr).toMatchObject({ level: 50, requestId: 'req-123', err: { message: 'nobody awaited me' } });
    expect(lines.some((l) => l.msg === 'still serving')).toBe(true);
    const fatal = lines.find((l) => l.msg === 'uncaught exception: exiting');
    expect(fatal).toMatchObject({ level: 60, err: { message: 'nobody caught me' } });
    expect(lines.some((l) => l.msg === 'should not get here')).toBe(false);
    expect(run.status).toBe(1);
  });
});
