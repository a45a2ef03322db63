/**
 * How the action's gate step runs the CLI: as a child whose every byte
 * (and that of anything it starts) is passed through to the log inside a
 * `::stop-commands::` region whose token only this process knows, so no line
 * of it is a workflow command; the region ends before the step writes a word
 * of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

/** How the run of the CLI ended. */
export interface GateEnd {
  /** Its exit code; null when a signal ended it (or it could not be started). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not be started. */
  error?: string;
}

/** Where the run's output goes: the step's stdout (one stream, so a region on it covers everything the run printed). */
export interface GateOutput {
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

const closed = (s: NodeJS.ReadableStream | null) =>
  new Promise<void>((done) => (!s || (s as { closed?: boolean }).closed ? done() : s.once('close', () => done())));

/** Passes `from`'s bytes to `out`, holding `from` while `out` is full; calls `last` with each chunk's last byte. */
function passThrough(from: NodeJS.ReadableStream, out: GateOutput, last: (byte: number) => void): void {
  from.on('data', (chunk: Buffer) => {
    if (chunk.length === 0) return;
    last(chunk[chunk.length - 1]!);
    if (!out.write(chunk)) {
      from.pause();
      out.once('drain', () => from.resume());
    }
  });
}

/**
 * Runs `file args` with `env`, its stdin /dev/null, its stdout and stderr
 * both passed to `out` inside a stop-commands region (the token is fresh,
 * from crypto.randomUUID, and never given to the child); the region ends
 * once its output has closed. Resolves with how it ended.
 */
export async function runGate(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  { out = process.stdout }: { out?: GateOutput } = {},
): Promise<GateEnd> {
  const token = randomUUID();
  out.write(`::stop-commands::${token}${EOL}`);
  let lastByte = 0x0a;
  const resume = () => out.write(`${lastByte === 0x0a || lastByte === 0x0d ? '' : EOL}::${token}::${EOL}`);
  let child: ChildProcess;
  try {
    child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  } catch (e) {
    resume();
    return { code: null, signal: null, error: (e as Error).message };
  }
  for (const s of [child.stdout!, child.stderr!]) passThrough(s, out, (b) => (lastByte = b));
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, () => child.kill(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  const end = await new Promise<GateEnd>((done) => {
    child.once('error', (e) => done({ code: null, signal: null, error: e.message }));
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  await Promise.all([closed(child.stdout), closed(child.stderr)]);
  for (const [sig, h] of handlers) process.removeListener(sig, h);
  resume();
  return end;
}

/**
 * Ends the step's output in a stop-commands region nothing resumes: a process
 * that escaped every kill and writes to the step's log after this is text,
 * never a command (the region lasts until the step ends; the next step's
 * commands are its own).
 */
export function closeCommands(out: GateOutput = process.stdout): void {
  out.write(`::stop-commands::${randomUUID()}${EOL}`);
}
