#!/usr/bin/env node
import { main } from './program.js';
import { visible } from '../reports/_internals/visible.js';

// A reader that goes away (`conformance … | head`) is not an error of the run.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// A codec that throws or rejects outside any call (a stray timer, a promise
// nobody awaits) must not end the run with a stack trace or read as a pass.
// Until adapters run isolated, such a run stops here, non-zero.
const stray = (kind: string) => (e: unknown) => {
  const text = e instanceof Error ? e.message : String(e);
  process.stderr.write(`conformance: the adapter left ${kind} outside any call: ${visible(text)}\nThe run cannot be trusted and stops here (exit 2).\n`);
  if (process.env.CONFORMANCE_DEBUG && e instanceof Error) process.stderr.write(`${visible(e.stack ?? '', { newlines: true })}\n`);
  process.exit(2);
};
process.on('uncaughtException', stray('an uncaught exception'));
process.on('unhandledRejection', stray('an unhandled promise rejection'));

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
);
