import type { Adapter } from './contract.js';
import { ConformanceError } from './errors.js';
import { splitCommand, type Hello } from './exec-protocol.js';
import { readHello, Testee } from './testee.js';

/** A subprocess adapter: the command that starts the testee, and where. */
export interface ExecSpec {
  argv: string[];
  cwd: string;
}

/** The command of `exec:COMMAND ARGS`, split into words. */
export function execSpec(command: string, cwd: string, where: string): ExecSpec {
  let argv: string[];
  try {
    argv = splitCommand(command);
  } catch (e) {
    throw new ConformanceError('bad_option', `adapter ${where}: ${(e as Error).message}`);
  }
  if (argv.length === 0)
    throw new ConformanceError('bad_option', `adapter ${where}: expected a command after exec:, e.g. exec:python3 codec.py`);
  return { argv, cwd };
}

/** How long the probe's testee may take to exit at each step of its stop (stdin EOF, SIGTERM, SIGKILL). */
const PROBE_GRACE_MS = 1000;

/**
 * Starts the testee, reads its hello line and stops it: what it says it is.
 * A testee that does not start, or says something other than hello, cannot
 * be run (exit 2), with its stderr in the message. Its stop goes on in the
 * background, bounded (a testee that ignores stdin EOF and SIGTERM is killed).
 */
export async function probeExec(spec: ExecSpec, where: string, timeoutMs: number): Promise<Hello> {
  const testee = new Testee(spec);
  try {
    const hello = await readHello(testee, timeoutMs);
    testee.onLine(() => undefined);
    void testee.stop(PROBE_GRACE_MS);
    return hello;
  } catch (e) {
    throw new ConformanceError('adapter_load', `adapter ${where}: ${(e as Error).message}`);
  }
}

/** The adapter a hello describes; its functions are never called (the exec host talks to the testee). */
export function execAdapter(hello: Hello): Adapter {
  const unreachable = () => {
    throw new Error('a subprocess adapter is called through its host');
  };
  return {
    name: hello.name,
    ...(hello.version ? { version: hello.version } : {}),
    wire: hello.wire,
    reject: Object.fromEntries(hello.operations.map((op) => [op, unreachable])),
  };
}
