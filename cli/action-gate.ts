/**
 * How the action's gate step runs the CLI: as a child in a process group of
 * its own, every byte it (or anything it starts) prints passed through to the
 * log inside a `::stop-commands::` region whose token only this process
 * knows, so no line of it is a workflow command; ended, its whole group
 * killed and whatever it left writing to its output or the step's found and
 * killed, before the step writes a word of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { EOL } from 'node:os';
import { join } from 'node:path';

/** How long the action waits for the CLI's output to close once its process group is killed, finding and killing what holds it. */
export const DRAIN_LIMIT_MS = 10_000;

/** How the run of the CLI ended. */
export interface GateEnd {
  /** Its exit code; null when a signal ended it (or it could not be started). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It did not end within the time limit: the action killed it, with its process group. */
  timedOut: boolean;
  /** Processes outside its process group that still held its output after it ended: killed, by pid. */
  outlived: number[];
  /** Its output was still held open when the action stopped waiting, by processes it could not find. */
  heldOpen: boolean;
  /** Why it could not be started. */
  error?: string;
}

/** Where the run's output goes: the step's stdout (one stream, so a region on it covers everything the run printed). */
export interface GateOutput {
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * What `pid`'s fd 1 and fd 2 are (`socket:[N]`, `pipe:[N]`: Linux's /proc
 * names), read as soon as it is started, before any code of its own runs:
 * the ends of its output that it, and whatever it starts, holds.
 */
function outputEnds(pid: number | undefined): Set<string> {
  const ends = new Set<string>();
  for (const fd of [1, 2]) {
    const link = pid === undefined ? '' : safeReadlink(`/proc/${pid}/fd/${fd}`);
    if (/^(socket|pipe):\[\d+\]$/.test(link)) ends.add(link);
  }
  return ends;
}

/** Field `i` after the command name of /proc/PID/stat (0 state, 1 ppid, 2 pgrp), when it can be read. */
function statField(pid: number, i: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last one
    const n = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[i]);
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The process group of `pid` (from /proc), when it can be read. */
const processGroup = (pid: number) => statField(pid, 2);

/** `pid` and every process it descends from (Linux: /proc; elsewhere only `pid`). */
function ancestry(pid: number): Set<number> {
  const line = new Set<number>();
  for (let p: number | undefined = pid; p !== undefined && p > 0 && !line.has(p); p = parentOf(p)) line.add(p);
  return line;
}

/** The parent of `pid` (from /proc), when it can be read. */
function parentOf(pid: number): number | undefined {
  return statField(pid, 1);
}

/** Every process but this one that holds one of `ends` open for writing (Linux: /proc/PID/fd; elsewhere none are found). */
export function holdersOf(ends: ReadonlySet<string>): number[] {
  const found: number[] = [];
  if (ends.size === 0) return found;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const dir = join('/proc', pid, 'fd');
      if (readdirSync(dir).some((fd) => ends.has(safeReadlink(join(dir, fd))) && writes(pid, fd))) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Whether `pid` has `fd` open for writing (a pipe's two ends have one name: its reader is not a writer). */
function writes(pid: string, fd: string): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(join('/proc', pid, 'fdinfo', fd), 'utf8'))?.[1];
    // O_ACCMODE: 0 read only, 1 write only, 2 both
    return flags === undefined || (parseInt(flags, 8) & 3) !== 0;
  } catch {
    return true;
  }
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

const kill = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
};

const closed = (s: NodeJS.ReadableStream | null) =>
  new Promise<void>((done) => (!s || (s as { closed?: boolean }).closed ? done() : s.once('close', () => done())));

/** `p`, or false after `ms`. */
const within = (p: Promise<unknown>, ms: number) =>
  new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), ms);
    void p.then(() => (clearTimeout(timer), done(true)));
  });

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
 * from crypto.randomUUID, and never given to the child), in a process group
 * of its own (detached). Once it ends, or once `timeLimitMs` has passed
 * (then the whole group is killed to end it), its whole group is killed; then
 * whatever still holds its output open (a process that left the group), or
 * holds the step's own output without being this process or one of its
 * ancestors, is found and killed, within {@link DRAIN_LIMIT_MS}; only then
 * does the region end. Resolves with how it ended.
 */
export async function runGate(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  { timeLimitMs, out = process.stdout }: { timeLimitMs: number; out?: GateOutput },
): Promise<GateEnd> {
  const token = randomUUID();
  out.write(`::stop-commands::${token}${EOL}`);
  let lastByte = 0x0a;
  const end: GateEnd = { code: null, signal: null, timedOut: false, outlived: [], heldOpen: false };
  let child: ChildProcess;
  try {
    child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  } catch (e) {
    out.write(`${EOL}::${token}::${EOL}`);
    return { ...end, error: (e as Error).message };
  }
  const group = child.pid;
  const killGroup = (signal: NodeJS.Signals) => {
    if (group !== undefined) kill(-group, signal);
    // where there are no process groups to signal (Windows), the CLI itself at least
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  // The CLI's output, which all it starts inherits; and the step's own, which only this process and its ancestors hold
  // (what else holds it opened it again by /proc, to write there once this process has exited).
  const ends = outputEnds(group);
  const stepEnds = outputEnds(process.pid);
  const ancestors = ancestry(process.pid);
  for (const s of [child.stdout!, child.stderr!]) passThrough(s, out, (b) => (lastByte = b));

  const forward = (signal: NodeJS.Signals) => () => killGroup(signal);
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, forward(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);
  const timer = setTimeout(() => {
    end.timedOut = true;
    killGroup('SIGKILL');
  }, timeLimitMs);
  const exited = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>((done) => {
    child.once('error', (e) => done({ code: null, signal: null, error: e.message }));
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  clearTimeout(timer);
  // Whatever it left behind in its group dies now, before the step says anything.
  killGroup('SIGKILL');
  Object.assign(end, exited);

  const outlived = (pid: number) => {
    if (!end.outlived.includes(pid)) end.outlived.push(pid);
    kill(pid, 'SIGKILL');
  };
  const sweep = () => {
    for (const pid of holdersOf(ends)) {
      // one of its group still dying is killed again; one out of it left the group
      if (processGroup(pid) === group) kill(pid, 'SIGKILL');
      else outlived(pid);
    }
    for (const pid of holdersOf(stepEnds)) if (!ancestors.has(pid)) outlived(pid);
  };
  const drained = Promise.all([closed(child.stdout), closed(child.stderr)]);
  const started = performance.now();
  sweep();
  while (!(await within(drained, 100))) {
    sweep();
    if (performance.now() - started > DRAIN_LIMIT_MS) {
      end.heldOpen = true;
      child.stdout?.destroy();
      child.stderr?.destroy();
      break;
    }
  }
  for (const [sig, h] of handlers) process.removeListener(sig, h);
  out.write(`${lastByte === 0x0a || lastByte === 0x0d ? '' : EOL}::${token}::${EOL}`);
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
