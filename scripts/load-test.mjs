#!/usr/bin/env node
// npm run test:load: the isolation, time-rule and end-to-end tests while every
// core of the machine is kept busy, the way a small shared CI runner is. The
// busy loops are this script's own children: each stops by itself after
// LOAD_MAX_SECONDS (default 900) or as soon as this script is gone, and the
// script stops them when the tests end. Exits with vitest's exit code.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const maxSeconds = Number(process.env.LOAD_MAX_SECONDS ?? 900);
const cores = availableParallelism();
const TESTS = [
  'test/runner/isolation.test.ts',
  'test/runner/time-rules.test.ts',
  'test/runner/exec.test.ts',
  'test/cli/guards.test.ts',
  'test/cli/e2e.test.ts',
];

// A busy loop that checks, between slices, whether its time is up or its parent has gone.
const loop = `const end = Date.now() + ${maxSeconds * 1000}; const parent = process.ppid;
while (Date.now() < end && process.ppid === parent) { for (let i = 0; i < 2e7; i++); }`;
const busy = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }));
console.log(`test:load: ${cores} busy loop(s) started (one per core, each stops by itself within ${maxSeconds} s)`);

const stop = () => {
  for (const b of busy) if (b.exitCode === null) b.kill('SIGKILL');
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const vitest = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...TESTS], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONFORMANCE_LOAD_TEST: '1' },
});
vitest.on('exit', (code, signal) => {
  const stillBusy = busy.filter((b) => b.exitCode === null).length;
  stop();
  console.log(`test:load: the tests ran with ${stillBusy} of ${cores} busy loop(s) still running at the end`);
  process.exitCode = signal ? 1 : (code ?? 1);
});
