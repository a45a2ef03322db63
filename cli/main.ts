#!/usr/bin/env node
import { main } from './program.js';
import { visible } from '../reports/_internals/visible.js';

/** Set once the verdict is decided and its reports are written; before that, no exit may read as a pass. */
let decided = false;
const exit = process.exit.bind(process);

// Whatever ends the process before the verdict is written (a codec run with
// --no-isolation calling process.exit(0) in a timer or its teardown) ends it
// with exit 2: never 0, never without saying so.
process.on('exit', (code) => {
  if (decided) return;
  process.stderr.write(`conformance: the process was ended (exit code ${code}) before the verdict was written; the run cannot be trusted (exit 2).\n`);
  process.exitCode = 2;
});

// A reader that goes away (`conformance … | head`) is not an error of the run.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      decided = true;
      exit(process.exitCode ?? 2);
    }
    throw e;
  });
}

// A codec that throws or rejects outside any call (a stray timer, a promise
// nobody awaits) in this process (--no-isolation) must not end the run with a
// stack trace or read as a pass: the run stops here, non-zero.
const stray = (kind: string) => (e: unknown) => {
  const text = e instanceof Error ? e.message : String(e);
  process.stderr.write(`conformance: the adapter left ${kind} outside any call: ${visible(text)}\nThe run cannot be trusted and stops here (exit 2).\n`);
  if (process.env.CONFORMANCE_DEBUG && e instanceof Error) process.stderr.write(`${visible(e.stack ?? '', { newlines: true })}\n`);
  decided = true;
  exit(2);
};
process.on('uncaughtException', stray('an uncaught exception'));
process.on('unhandledRejection', stray('an unhandled promise rejection'));

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    decided = true;
    process.exitCode = code;
  },
);
