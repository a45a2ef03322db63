import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Adapter } from './contract.js';
import { ConformanceError } from './errors.js';
import { helloProblem, splitCommand, type Hello } from './exec-protocol.js';

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
  if (argv.length === 0) throw new ConformanceError('bad_option', `adapter ${where}: expected a command after exec:, e.g. exec:python3 codec.py`);
  return { argv, cwd };
}

/** The text of a stderr tail, for messages. */
export const tail = (text: string) => (text.trim() ? `; its stderr: ${JSON.stringify(text.trim().slice(-600))}` : '');

/**
 * Starts the testee, reads its hello line and stops it: what it says it is.
 * A testee that does not start, or says something other than hello, cannot
 * be run (exit 2), with its stderr in the message.
 */
export function probeExec(spec: ExecSpec, where: string, timeoutMs: number): Promise<Hello> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let done = false;
    const child = spawn(spec.argv[0]!, spec.argv.slice(1), { cwd: spec.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const finish = (error?: string, hello?: Hello) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdin.end();
      child.kill();
      if (error) reject(new ConformanceError('adapter_load', `adapter ${where}: ${error}${tail(stderr)}`));
      else resolve(hello!);
    };
    const timer = setTimeout(() => finish(`said no hello line within ${timeoutMs} ms`), timeoutMs);
    child.stderr.on('data', (d: Buffer) => void (stderr += String(d)));
    child.on('error', (e) => finish(`could not start ${JSON.stringify(spec.argv[0])}: ${e.message}`));
    child.on('exit', (code, signal) => setTimeout(() => finish(`ended before its hello line (${signal ?? `exit code ${code}`})`), 50));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const problem = helloProblem(line);
      finish(problem, problem ? undefined : (JSON.parse(line) as Hello));
    });
  });
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
