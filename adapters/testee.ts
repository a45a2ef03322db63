import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ExecSpec } from './exec.js';
import { helloProblem, type Hello } from './exec-protocol.js';
import { OutputTail, stderrWords } from './output-tail.js';

/** How long the pipes may stay open after the testee has exited (a helper it started may hold them). */
const DRAIN_MS = 200;
/** How long to wait for a testee to end after SIGKILL before giving up on it. */
const KILLED_WAIT_MS = 5000;

/** How a testee ended: `started` is false when its command could not be run at all. */
export interface Ending {
  started: boolean;
  /** In words: `exit code 5`, `signal SIGKILL`, or why it could not start. */
  how: string;
}

/**
 * One run of a subprocess testee, in its own process group, so that its
 * helpers end with it. Once the testee has exited, whatever is left of its
 * group is killed and its pipes are destroyed, so that no helper holding
 * them keeps the runner alive; what it wrote to stderr is kept as a bounded tail.
 */
export class Testee {
  readonly child: ChildProcessWithoutNullStreams;
  /** The end of what it wrote to stderr. */
  readonly stderr = new OutputTail();
  /** Resolves once it has exited and its pipes are closed. */
  readonly ended: Promise<Ending>;
  private gone = false;
  private handler: ((line: string) => void) | undefined;
  private readonly queued: string[] = [];

  constructor(
    readonly spec: ExecSpec,
    onStderr?: (text: string) => void,
  ) {
    // detached: its own process group (see signal; on Windows it would mean a console of its own);
    // unref: the testee alone never keeps the runner alive.
    const detached = process.platform !== 'win32';
    this.child = spawn(spec.argv[0]!, spec.argv.slice(1), { cwd: spec.cwd, stdio: 'pipe', detached });
    this.child.unref();
    this.child.stdin.on('error', () => undefined);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => (this.stderr.push(text), onStderr?.(text)));
    createInterface({ input: this.child.stdout }).on('line', (line) => (this.handler ? this.handler(line) : this.queued.push(line)));
    this.ended = new Promise((resolve) => {
      this.child.once('error', (e) => {
        if (this.child.pid !== undefined) return;
        this.closePipes();
        resolve({ started: false, how: `could not start ${JSON.stringify(spec.argv[0])}: ${e.message}` });
      });
      this.child.once('exit', (code, signal) => {
        this.signal('SIGKILL');
        this.gone = true;
        const done = () => (
          clearTimeout(timer),
          this.closePipes(),
          resolve({ started: true, how: signal ? `signal ${signal}` : `exit code ${code}` })
        );
        const timer = setTimeout(done, DRAIN_MS);
        this.child.once('close', done);
      });
    });
  }

  /** Hands each stdout line to `fn` (first the lines that came while no one listened); none: they wait. */
  onLine(fn: ((line: string) => void) | undefined): void {
    this.handler = fn;
    while (fn && this.handler === fn && this.queued.length > 0) fn(this.queued.shift()!);
  }

  /** Sends `sig` to the testee's whole process group, as long as it may still exist. */
  signal(sig: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.gone) return;
    if (process.platform === 'win32') return void this.child.kill(sig);
    try {
      process.kill(-pid, sig);
    } catch (e) {
      // ESRCH: the group is already gone; EPERM: a member we may not signal. Neither is the run's fault.
      if (!['ESRCH', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
  }

  /** Kills the group now; resolves once it ended (or, bounded, when it will not). */
  kill(): Promise<unknown> {
    this.signal('SIGKILL');
    return this.within(KILLED_WAIT_MS);
  }

  /**
   * Ends the testee, always within about three `graceMs`: its stdin is closed;
   * still running after `graceMs`, its group gets SIGTERM; still running
   * `graceMs` later, SIGKILL. Returns what it took, as warnings.
   */
  async stop(graceMs: number): Promise<string[]> {
    this.child.stdin.end();
    if (await this.within(graceMs)) return [];
    this.signal('SIGTERM');
    const late = `the testee did not exit within ${graceMs} ms of its stdin closing`;
    if (await this.within(graceMs)) return [`${late}; SIGTERM ended it`];
    this.signal('SIGKILL');
    await this.within(graceMs);
    this.closePipes();
    return [`${late}, nor within ${graceMs} ms of SIGTERM; it was killed (SIGKILL)`];
  }

  /** Whether it ended within `ms`. */
  private within(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    return Promise.race([this.ended.then(() => true), timeout]).finally(() => clearTimeout(timer));
  }

  private closePipes(): void {
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
}

/**
 * The testee's hello line: what it says it is. A testee that says something
 * else first, ends, or says nothing within `limitMs` is killed, and the
 * promise rejects with why, followed by the end of its stderr.
 */
export function readHello(testee: Testee, limitMs: number): Promise<Hello> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void testee.kill().then(() => reject(new Error(`${why}${stderrWords(String(testee.stderr))}`)));
    };
    const timer = setTimeout(
      () => fail(`said no hello line in ${Math.round(performance.now() - started)} ms (its start timeout is ${limitMs} ms)`),
      limitMs,
    );
    void testee.ended.then((end) => fail(end.started ? `ended before its hello line (${end.how})` : end.how));
    testee.onLine((line) => {
      testee.onLine(undefined);
      const problem = helloProblem(line);
      if (problem) return fail(problem);
      done = true;
      clearTimeout(timer);
      resolve(JSON.parse(line) as Hello);
    });
  });
}
