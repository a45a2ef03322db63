import type { Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import type { ExecSpec } from '../../adapters/exec.js';
import { fromProtocol, helloChange, responseSchema, toProtocol, type Hello } from '../../adapters/exec-protocol.js';
import { OutputTail } from '../../adapters/output-tail.js';
import { readHello, Testee } from '../../adapters/testee.js';
import type { Outcome } from '../../suites/index.js';
import { DEFAULT_START_TIMEOUT_MS } from '../defaults.js';
import type { CodecHost, HostedAdapter, Restart } from './host.js';
import { HangPolicy } from './hang-watch.js';

/** What a request carries as `input` for each operation. */
function inputOf(op: Operation, args: unknown[]): unknown {
  return op === 'reply' ? { offer: args[0], options: args[1] } : args[0];
}

/**
 * A codec in any language, as a subprocess speaking JSON lines (README
 * "Codecs in any language"). A request that gets no answer within the
 * timeout, a testee that exits, or a line on stdout that is not a response
 * fails the call in flight; the testee (its whole process group) is then
 * killed and started again. A restarted testee must say the hello it said
 * first; one that says another fails the call in flight as `crashed`.
 */
export class ExecHost implements CodecHost {
  readonly isolation = 'subprocess';
  currentCheck = '';
  readonly restarts: Restart[] = [];
  private readonly tail = new OutputTail();
  private testee: Testee | undefined;
  private hello: Hello | undefined;
  private pending = new Map<number, (o: Outcome) => void>();
  private nextId = 1;
  private restarting: Promise<void> | undefined;
  private dead: string | undefined;
  private unclaimed: string | undefined;
  private changed: string | undefined;

  /**
   * @param timeoutMs how long one call may take; also how long the testee may take to exit at each step of {@link stop}
   * @param startTimeoutMs how long the testee may take to say hello, at the start and at each restart
   */
  constructor(
    private readonly spec: ExecSpec,
    private readonly where: string,
    private readonly timeoutMs: number,
    private readonly has: (op: Operation) => boolean,
    private readonly startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
  ) {
    this.policy = new HangPolicy(timeoutMs);
  }

  private readonly policy: HangPolicy;

  /** What the testees wrote to stderr, across restarts: its end (at least 64 Ki characters of it, at most 128 Ki). */
  get stderr(): string[] {
    const text = String(this.tail);
    return text ? [text] : [];
  }

  /** Starts the testee; resolves to its hello (what it says it is), or throws a ConformanceError. */
  async start(): Promise<Hello & HostedAdapter> {
    const { testee, hello } = await this.launch();
    this.hello = hello;
    this.attach(testee);
    return hello;
  }

  private async launch(): Promise<{ testee: Testee; hello: Hello }> {
    const testee = new Testee(this.spec, (text) => this.tail.push(text));
    try {
      return { testee, hello: await readHello(testee, this.startTimeoutMs) };
    } catch (e) {
      // A testee that never says hello does not load (exit 2, said on stderr like any load error).
      throw new ConformanceError('adapter_load', `adapter ${this.where}: ${(e as Error).message}`);
    }
  }

  private attach(testee: Testee): void {
    this.testee = testee;
    testee.onLine((line) => this.onLine(testee, line));
    void testee.ended.then((end) => this.lost(testee, `ended its process (${end.how})`));
  }

  private onLine(from: Testee, line: string): void {
    if (this.testee !== from) return;
    let parsed;
    try {
      parsed = responseSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success || !this.pending.has(parsed.data.id)) {
      const why = !parsed
        ? 'is not JSON'
        : !parsed.success
          ? 'is not a response {"id", "ok", "output" | "error"}'
          : `answers id ${parsed.data.id}, which no request in flight has`;
      this.broken(`wrote a line to stdout that ${why}: ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    const r = parsed.data;
    const settle = this.pending.get(r.id)!;
    this.pending.delete(r.id);
    if (!r.ok) return settle({ kind: 'threw', error: new Error(r.error) });
    let value: unknown;
    try {
      value = fromProtocol(r.output);
    } catch (e) {
      // An answer that cannot be read cannot be judged: never a crash of the runner.
      return settle({ kind: 'unreadable', reason: (e as Error).message });
    }
    settle({ kind: 'returned', value });
  }

  /** The protocol is broken: fail what is in flight and start again. */
  private broken(reason: string): void {
    if (this.pending.size === 0) this.unclaimed ??= reason;
    for (const settle of this.pending.values()) settle({ kind: 'crashed', reason });
    this.pending.clear();
    void this.restart(reason);
  }

  private lost(from: Testee, reason: string): void {
    if (this.testee === from) this.broken(reason);
  }

  private restart(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarts.push({ check: this.currentCheck, reason });
    void this.testee?.kill();
    this.testee = undefined;
    this.changed = undefined;
    this.restarting = (async () => {
      try {
        const { testee, hello } = await this.launch();
        const change = helloChange(this.hello!, hello);
        if (change) {
          void testee.kill();
          this.changed = `said another hello when started again: ${change}`;
        } else this.attach(testee);
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
    while (this.restarting) await this.restarting;
    if (this.changed) {
      // Not the codec the run names: fail this call, and try once more for the next.
      const reason = this.changed;
      void this.restart(reason);
      return { kind: 'crashed', reason };
    }
    if (this.unclaimed) {
      const reason = this.unclaimed;
      this.unclaimed = undefined;
      return { kind: 'crashed', reason: `${reason} (between calls)` };
    }
    if (this.dead || !this.testee) return { kind: 'crashed', reason: this.dead ?? 'is not running' };
    return this.send(op, args, false);
  };

  /**
   * One request, bounded like a worker's call (README "Isolation"): past the
   * suspect limit the testee is restarted and the request tried again alone
   * under the full limit; only a request that hangs there too is a hang.
   */
  private send(op: Operation, args: unknown[], confirming: boolean): Promise<Outcome> {
    const known = this.policy.known(op, args);
    if (known) return Promise.resolve(known);
    const { child } = this.testee!;
    const id = this.nextId++;
    const limit = confirming ? this.timeoutMs : this.policy.suspectMs(op);
    const sent = performance.now();
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const measuredMs = Math.round(performance.now() - sent);
        const outcome = this.policy.verdict(op, { seq: id, limitMs: limit, measuredMs }, confirming, this.currentCheck);
        void (async () => {
          await this.restart(`did not answer within ${limit} ms${outcome ? '' : ' (to be confirmed)'}`);
          if (outcome) {
            this.policy.remember(op, args, outcome);
            return resolve(outcome);
          }
          if (this.dead || this.changed || !this.testee) {
            return resolve({
              kind: 'timeout',
              ms: limit,
              measuredMs,
              confirmed: false,
              note: 'not confirmed: the testee could not be started again to try it alone',
            });
          }
          resolve(await this.send(op, args, true));
        })();
      }, limit);
      this.pending.set(id, (o) => {
        clearTimeout(timer);
        this.policy.saw(performance.now() - sent);
        if (confirming) this.policy.forgive(op);
        resolve(o);
      });
      child.stdin.write(`${JSON.stringify({ id, op, input: toProtocol(inputOf(op, args)) })}\n`);
    });
  }

  /** The testee has its own copy of every input: what it does to it cannot reach the caller. */
  callWatching = async (op: Operation, ...args: unknown[]) => ({ outcome: await this.call(op, ...args), argsAfter: args });

  /** Ends the testee: stdin EOF, then SIGTERM, then SIGKILL to its group, each after the call timeout. Always resolves. */
  async stop(): Promise<string[]> {
    while (this.restarting) await this.restarting;
    const testee = this.testee;
    this.testee = undefined;
    if (!testee) return this.dead ? [this.dead] : [];
    return testee.stop(this.timeoutMs);
  }
}
