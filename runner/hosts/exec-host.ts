import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import { tail, type ExecSpec } from '../../adapters/exec.js';
import { fromProtocol, helloProblem, responseSchema, toProtocol, type Hello } from '../../adapters/exec-protocol.js';
import type { Outcome } from '../../suites/index.js';
import type { CodecHost, HostedAdapter, Restart } from './host.js';

const STDERR_CAP = 64 * 1024;

/** What a request carries as `input` for each operation. */
function inputOf(op: Operation, args: unknown[]): unknown {
  return op === 'reply' ? { offer: args[0], options: args[1] } : args[0];
}

/**
 * A codec in any language, as a subprocess speaking JSON lines (README
 * "Codecs in any language"). A request that gets no answer within the
 * timeout, a testee that exits, or a line on stdout that is not a response
 * fails the call in flight; the testee is then started again.
 */
export class ExecHost implements CodecHost {
  readonly isolation = 'subprocess';
  currentCheck = '';
  readonly restarts: Restart[] = [];
  readonly stderr: string[] = [];
  private stderrSize = 0;
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending = new Map<number, (o: Outcome) => void>();
  private nextId = 1;
  private restarting: Promise<void> | undefined;
  private dead: string | undefined;
  private unclaimed: string | undefined;

  constructor(private readonly spec: ExecSpec, private readonly where: string, private readonly timeoutMs: number, private readonly has: (op: Operation) => boolean) {}

  async start(): Promise<HostedAdapter> {
    const child = spawn(this.spec.argv[0]!, this.spec.argv.slice(1), { cwd: this.spec.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += String(d);
      if (this.stderrSize < STDERR_CAP) {
        this.stderr.push(String(d));
        this.stderrSize += d.length;
      }
    });
    child.stdin.on('error', () => undefined);
    const lines = createInterface({ input: child.stdout });
    const startMs = this.timeoutMs * 5;
    const hello = await new Promise<Hello>((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new ConformanceError('adapter_load', `adapter ${this.where}: ${why}${tail(stderr)}`));
      };
      const timer = setTimeout(() => fail(`said no hello line within ${startMs} ms`), startMs);
      child.once("error", (e) => fail(`could not start ${JSON.stringify(this.spec.argv[0])}: ${e.message}`));
      child.once('exit', (code, signal) => fail(`ended before its hello line (${signal ?? `exit code ${code}`})`));
      lines.once('line', (line) => {
        const problem = helloProblem(line);
        if (problem) return fail(problem);
        clearTimeout(timer);
        child.removeAllListeners('exit').removeAllListeners('error');
        resolve(JSON.parse(line) as Hello);
      });
    });
    lines.on('line', (line) => this.onLine(child, line));
    child.on('exit', (code, signal) => this.lost(child, `ended its process (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    this.child = child;
    return { name: hello.name, ...(hello.version !== undefined ? { version: hello.version } : {}), wire: hello.wire, operations: hello.operations };
  }

  private onLine(from: ChildProcessWithoutNullStreams, line: string): void {
    if (this.child !== from) return;
    let parsed;
    try {
      parsed = responseSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success || !this.pending.has(parsed.data.id)) {
      const why = !parsed ? 'is not JSON' : !parsed.success ? 'is not a response {"id", "ok", "output" | "error"}' : `answers id ${parsed.data.id}, which no request in flight has`;
      this.broken(`wrote a line to stdout that ${why}: ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    const r = parsed.data;
    const settle = this.pending.get(r.id)!;
    this.pending.delete(r.id);
    settle(r.ok ? { kind: 'returned', value: fromProtocol(r.output) } : { kind: 'threw', error: new Error(r.error) });
  }

  /** The protocol is broken: fail what is in flight and start again. */
  private broken(reason: string): void {
    if (this.pending.size === 0) this.unclaimed ??= reason;
    for (const settle of this.pending.values()) settle({ kind: 'crashed', reason });
    this.pending.clear();
    void this.restart(reason);
  }

  private lost(from: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.child !== from) return;
    this.broken(reason);
  }

  private restart(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarts.push({ check: this.currentCheck, reason });
    const old = this.child;
    this.child = undefined;
    old?.removeAllListeners('exit');
    old?.kill('SIGKILL');
    this.restarting = (async () => {
      try {
        await this.start();
      } catch (e) {
        this.dead = `could not be restarted after it ${reason}: ${(e as Error).message}`;
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  call = async (op: Operation, ...args: unknown[]): Promise<Outcome> => {
    if (!this.has(op)) return { kind: 'threw', error: new Error(`the testee does not serve ${op}`) };
    await this.restarting;
    if (this.unclaimed) {
      const reason = this.unclaimed;
      this.unclaimed = undefined;
      return { kind: 'crashed', reason: `${reason} (between calls)` };
    }
    if (this.dead || !this.child) return { kind: 'crashed', reason: this.dead ?? 'is not running' };
    const child = this.child;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: 'timeout', ms: this.timeoutMs });
        void this.restart(`did not answer within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      this.pending.set(id, (o) => (clearTimeout(timer), resolve(o)));
      child.stdin.write(`${JSON.stringify({ id, op, input: toProtocol(inputOf(op, args)) })}\n`);
    });
  };

  /** The testee has its own copy of every input: what it does to it cannot reach the caller. */
  callWatching = async (op: Operation, ...args: unknown[]) => ({ outcome: await this.call(op, ...args), argsAfter: args });

  async stop(): Promise<string[]> {
    await this.restarting;
    const child = this.child;
    this.child = undefined;
    if (!child) return this.dead ? [this.dead] : [];
    child.removeAllListeners('exit');
    const exited = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.timeoutMs);
      child.once('exit', () => (clearTimeout(timer), resolve(true)));
    });
    child.stdin.end();
    const clean = await exited;
    if (!clean) child.kill('SIGKILL');
    return clean ? [] : [`the testee did not exit within ${this.timeoutMs} ms of its stdin closing`];
  }
}
