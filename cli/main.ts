#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { main } from './program.js';
import { writtenReporters } from './written-reports.js';
import { visible } from '../reports/_internals/visible.js';
import { wedgedWorkers } from '../runner/hosts/stop-worker.js';

/** Set once the verdict is decided and its reports are written; before that, no exit may read as a pass. */
let decided = false;
/** The verdict's exit code, once decided: what the process ends with, whatever a codec in it sets later. */
let verdict = 2;
const exit = process.exit.bind(process);

/**
 * Ends the process with `code`, or, while a codec's worker thread could not
 * be stopped (blocked outside JavaScript: Node waits for every thread at
 * exit, so exiting would hang), by SIGKILL, saying why: the reports are
 * written by then, with the verdict's exit code in them.
 */
const end = (code: number) => {
  const stuck = wedgedWorkers();
  if (stuck === 0) return exit(code);
  process.stderr.write(
    `conformance: ${stuck} worker thread${stuck === 1 ? '' : 's'} of the codec could not be stopped (blocked outside JavaScript), and a process cannot exit while one runs: the run's reports are written (exit code ${code} in them), and it ends itself with SIGKILL.\n`,
  );
  process.kill(process.pid, 'SIGKILL');
};

// Whatever ends the process before the verdict is written (a codec run with
// --no-isolation calling process.exit(0) in a timer or its teardown) ends it
// with exit 2: never 0, never without saying so. After the verdict, the
// process ends with the verdict's code, not with one a codec set.
const lastWord = (code: number) => {
  if (decided) {
    process.exitCode = verdict;
    return;
  }
  process.stderr.write(
    `conformance: the process was ended (exit code ${code}) before the verdict was written; the run cannot be trusted (exit 2).\n`,
  );
  process.exitCode = 2;
};
process.on('exit', lastWord);

// A reader that goes away (`conformance … | head`), or a terminal the codec
// closed under the run (its thread shares this process's file descriptors),
// is not an error of the run: the console is gone, but the file reports and
// the exit code still come.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

// A codec that throws or rejects outside any call (a stray timer, a promise
// nobody awaits) in this process (--no-isolation) must not end the run with a
// stack trace or read as a pass: the run stops here, non-zero.
const stray = (kind: string) => (e: unknown) => {
  const text = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `conformance: the adapter left ${kind} outside any call: ${visible(text)}\nThe run cannot be trusted and stops here (exit 2).\n`,
  );
  if (process.env.CONFORMANCE_DEBUG && e instanceof Error) process.stderr.write(`${visible(e.stack ?? '', { newlines: true })}\n`);
  // Reports this session already wrote (its own files, checked before the run) read as a verdict
  // the run no longer has: it ends with exit 2, so they go.
  for (const spec of writtenReporters) if (spec.file) rmSync(spec.file, { force: true });
  verdict = 2;
  decided = true;
  end(2);
};
process.on('uncaughtException', stray('an uncaught exception'));
process.on('unhandledRejection', stray('an unhandled promise rejection'));

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
  verdict = code;
  decided = true;
  process.exitCode = code;
  // Ours is the last 'exit' listener: a codec's own, added during the run, cannot change the code.
  process.removeListener('exit', lastWord);
  process.on('exit', lastWord);
  if (wedgedWorkers() > 0) end(code);
});
