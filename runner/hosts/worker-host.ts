import { Worker } from 'node:worker_threads';
import type { Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import type { AdapterSource } from '../../adapters/loader.js';
import type { ExecSpec } from '../../adapters/exec.js';
import { thrownText } from '../../spec/thrown.js';
import type { Outcome } from '../../suites/index.js';
import { CANCELLED_REASON, missingOp, type CodecHost, type Restart } from './host.js';
import { HangPolicy, HangWatch, type Suspect } from './hang-watch.js';
import { OutputTail } from '../../adapters/output-tail.js';
import { receiveError } from './wire-values.js';
import type { WorkerInit } from './worker-main.js';
import type { FromWorker, HostedAdapter, ToWorker, WorkerCallResult } from './worker-protocol.js';
import { stopWorker as stopWithin } from './stop-worker.js';

const here = new URL(import.meta.url);
const fromSource = here.pathname.endsWith('.ts');

/** The worker: dist's worker-main.js, or (running from source, as the tests do) worker-main.ts through tsx. */
function newWorker(init: WorkerInit, memoryMb: number): Worker {
  const options = { workerData: init, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
  if (!fromSource) return new Worker(new URL('./worker-main.js', here), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const main = new URL('./worker-main.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** A module adapter that names a subprocess testee: the run goes on in an exec host. */
export class ExecRedirect extends Error {
  constructor(readonly exec: ExecSpec) {
    super('the adapter names a subprocess testee');
  }
}

/** How a worker host is bounded. */
export interface WorkerLimits {
  /** The limit one call is held to (a call past it, confirmed, is a hang). */
  timeoutMs: number;
  /** Module load, worker start and setup, each time a worker starts. */
  startTimeoutMs: number;
  /** The worker's heap limit. */
  memoryMb: number;
}

interface Booted {
  worker: Worker;
  adapter: HostedAdapter;
  /** It ended before it was used. */
  gone: boolean;
}

interface Item {
  seq: number;
  op: Operation;
  args: unknown[];
  watch: boolean;
  /** Sent alone, in a fresh worker, held to the full limit: is it really a hang? */
  confirming?: boolean;
  /**
   * Sent first to a fresh worker, an input of the same operation that was
   * answered before: the codec's own start-up work (a lazy init on its first
   * call) is done by it, and never charged to a call that counts.
   */
  warmup?: boolean;
  settle(r: { outcome: Outcome; argsAfter?: unknown[] }): void;
}

/** The most calls one message carries. */
const MAX_BATCH = 1024;

/**
 * `worker` with no listeners but one that swallows 'error': a worker given up
 * on may still report an error (it ran out of memory while being stopped),
 * and an 'error' nobody listens to would end the runner.
 */
function quiet(worker: Worker): void {
  worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
  worker.on('error', () => undefined);
}

/**
 * The codec in a worker thread (the default). Calls queued in the same turn
 * of the event loop cross to the worker as one message and come back as one,
 * so isolation costs little; the worker marks which call is in flight in a
 * shared cell, so a hang is charged to exactly that call. A call that passes
 * the short suspect limit is stopped, and tried again alone in a fresh
 * worker under the full limit before it counts as a hang (a busy machine or
 * a GC pause must not fail a correct codec). A codec that ends its thread,
 * throws outside a call, leaves a rejection unhandled or runs out of memory
 * fails the call in flight. After any of these the worker is replaced
 * (setup runs again) and the run goes on.
 */
export class WorkerHost implements CodecHost {
  readonly isolation = 'worker';
  readonly batching = true;
  currentCheck = '';
  readonly restarts: Restart[] = [];
  readonly stderrTail = new OutputTail();
  readonly stdoutTail = new OutputTail();
  private worker: Worker | undefined;
  private readonly progress = new SharedArrayBuffer(8);
  private readonly cells = new Int32Array(this.progress);
  private queue: Item[] = [];
  private inflight: Item[] = [];
  private flushing = false;
  private nextSeq = 1;
  private restarting: Promise<void> | undefined;
  private dead: string | undefined;
  /** A crash between calls, charged to the next call (of the check in flight). */
  private unclaimed: string | undefined;
  private readonly watch: HangWatch;
  private ops: ReadonlySet<Operation> = new Set();
  private spare: Promise<Booted | Error> | undefined;
  /** Per operation, the arguments of the last call the codec answered: the warm-up of a fresh worker. */
  private readonly answered = new Map<Operation, unknown[]>();
  /** Every worker not yet ended: the one serving calls, a spare, one starting. */
  private readonly live = new Set<Worker>();
  /** Each worker's thread id cell (stop-worker.ts). */
  private readonly threads = new WeakMap<Worker, Int32Array>();
  fatal: string | undefined;

  constructor(
    private readonly source: AdapterSource,
    private readonly extend: string[],
    private readonly limits: WorkerLimits,
  ) {
    this.watch = new HangWatch(
      new HangPolicy(limits.timeoutMs),
      this.cells,
      (s) => this.hung(s),
      (seq) => {
        const item = this.inflight.find((i) => i.seq === seq);
        return item?.confirming || item?.warmup ? limits.timeoutMs : this.watch.policy.suspectMs(item?.op);
      },
    );
  }

  get stderr(): string[] {
    return this.stderrTail.parts();
  }

  get stdout(): string[] {
    return this.stdoutTail.parts();
  }

  async start(): Promise<HostedAdapter> {
    const { worker, adapter } = await this.boot();
    this.attach(worker);
    this.ops = new Set(adapter.operations);
    return adapter;
  }

  /** A new worker, loaded and set up, not yet serving calls. */
  private boot(): Promise<Booted> {
    const thread = new SharedArrayBuffer(4);
    const worker = newWorker({ source: this.source, extend: this.extend, progress: this.progress, thread }, this.limits.memoryMb);
    this.threads.set(worker, new Int32Array(thread));
    this.live.add(worker);
    worker.once('exit', () => this.live.delete(worker));
    worker.stderr.on('data', (d: Buffer) => this.stderrTail.push(String(d)));
    worker.stdout.on('data', (d: Buffer) => this.stdoutTail.push(String(d)));
    const started = performance.now();
    const limit = this.limits.startTimeoutMs;
    return new Promise<Booted>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        quiet(worker);
        void this.stopWorker(worker);
        reject(e);
      };
      const setupError = (why: string) => new ConformanceError('adapter_setup', `adapter ${this.source.specifier}: ${why}`);
      const timer = setTimeout(() => {
        fail(
          setupError(
            `did not start within the start-up limit of ${limit} ms (module load, worker start and setup; stopped after ${Math.round(performance.now() - started)} ms; raise it with --start-timeout)`,
          ),
        );
      }, limit);
      worker.once('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          quiet(worker);
          const booted: Booted = { worker, adapter: m.adapter, gone: false };
          // A spare that dies while it waits is not used.
          worker.once('exit', () => void (booted.gone = true));
          resolve(booted);
        } else if (m.type === 'load-failed') fail(new ConformanceError(m.code, m.message));
        else if (m.type === 'exec') fail(new ExecRedirect(m.exec));
        else fail(setupError(m.type === 'setup-failed' ? m.message : `sent ${m.type} before it was ready`));
      });
      worker.once('error', (e) => fail(setupError(`crashed while starting: ${this.errorWords(e)}`)));
      worker.once('exit', (code) => fail(setupError(`ended its thread while starting (exit code ${code})`)));
    });
  }

  /** `worker` serves the calls from now on. */
  private attach(worker: Worker): void {
    quiet(worker);
    worker.once('exit', () => this.live.delete(worker));
    worker.on('message', (x: FromWorker) => this.onMessage(worker, x));
    worker.on('error', (e) => this.lost(worker, this.errorWords(e)));
    worker.on('exit', (code) => this.lost(worker, `ended its thread (exit code ${code})`));
    this.worker = worker;
  }

  /**
   * A worker to replace one that hung or crashed: the spare when there is a
   * live one, else a new one. A codec that needed one restart is likely to
   * need more, so from then on a spare is kept started, and a restart costs
   * no start-up time on the check's clock.
   */
  private async replacement(): Promise<Booted> {
    const spare = this.spare;
    this.spare = undefined;
    const got = spare ? await spare : undefined;
    const booted = got && !(got instanceof Error) && !got.gone ? got : await this.boot();
    this.spare = this.boot().catch((e: Error) => e);
    return booted;
  }

  private errorWords(e: unknown): string {
    if ((e as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY')
      return `ran out of memory (the worker's heap limit is ${this.limits.memoryMb} MB; see --memory-limit)`;
    return `threw outside any call: ${thrownText(e)}`;
  }

  private onMessage(from: Worker, m: FromWorker): void {
    if (from !== this.worker || m.type !== 'results') return;
    this.watch.stop();
    const bySeq = new Map<number, WorkerCallResult>(m.results.map((r) => [r.seq, r]));
    const batch = this.inflight;
    this.inflight = [];
    let restartFor: string | undefined;
    const notRun: Item[] = [];
    for (const item of batch) {
      const r = bySeq.get(item.seq);
      if (!r) {
        if (m.partial) notRun.push(item);
        else item.settle({ outcome: { kind: 'crashed', reason: 'gave no answer for this call' } });
        continue;
      }
      if (item.warmup) continue;
      this.watch.policy.saw(r.ms);
      if (item.confirming) this.watch.policy.forgive(item.op);
      if (r.outcome.kind !== 'unreadable' && !r.incidents?.length) this.answered.set(item.op, item.args);
      const argsAfter = r.argsAfter ? { argsAfter: r.argsAfter } : {};
      if (r.incidents?.length) {
        item.settle({ outcome: { kind: 'crashed', reason: r.incidents.map((i) => i.text).join('; ') }, ...argsAfter });
        restartFor ??= r.incidents.find((i) => i.restart)?.text;
        continue;
      }
      const outcome: Outcome = r.outcome.kind === 'threw' ? { kind: 'threw', error: receiveError(r.outcome.error) } : r.outcome;
      item.settle({ outcome, ...argsAfter });
    }
    this.queue.unshift(...notRun);
    if (restartFor) void this.restart(restartFor);
    else this.schedule();
  }

  /** The call in flight passed its limit: stop the worker; confirm the hang, or count it. */
  private hung(s: Suspect): void {
    const batch = this.inflight;
    this.inflight = [];
    const at = batch.findIndex((i) => i.seq === s.seq);
    if (at < 0) {
      // The worker stopped answering between calls: charged to the first call it did not answer.
      const [first, ...rest] = batch;
      this.queue.unshift(...rest);
      first?.settle({ outcome: { kind: 'crashed', reason: `stopped answering between calls for ${s.measuredMs} ms` } });
      void this.restart(`stopped answering between calls for ${s.measuredMs} ms`);
      return;
    }
    const item = batch[at]!;
    const others = [...batch.slice(0, at), ...batch.slice(at + 1)];
    if (item.warmup) {
      // The warm-up input hangs in a fresh worker: start again, this time without one.
      this.queue.unshift(...others.filter((i) => !i.warmup));
      void this.restart(`did not return within ${s.limitMs} ms when warmed up after a restart`, false, false);
      return;
    }
    const outcome = this.watch.policy.verdict(item.op, s, item.confirming === true, this.currentCheck);
    const rest = others.filter((i) => !i.warmup);
    if (outcome) {
      this.watch.policy.remember(item.op, item.args, outcome);
      item.settle({ outcome });
      this.queue.unshift(...rest);
    } else {
      item.confirming = true;
      this.queue.unshift(item, ...rest);
    }
    void this.restart(`did not return within ${s.limitMs} ms${item.confirming && !outcome ? ' (to be confirmed)' : ''}`);
  }

  /** The worker is gone: fail the call in flight, send the others again to a new one. */
  private lost(from: Worker, reason: string): void {
    if (this.worker !== from) return;
    this.worker = undefined;
    this.watch.stop();
    const batch = this.inflight;
    this.inflight = [];
    const seq = Atomics.load(this.cells, 0);
    const inFlight = batch.find((i) => i.seq === seq);
    // A crash in a warm-up, or between calls, is charged to the first call that counts.
    const target = inFlight && !inFlight.warmup ? inFlight : batch.find((i) => !i.warmup);
    if (!target) this.unclaimed ??= reason;
    else {
      this.queue.unshift(...batch.filter((i) => i !== target && !i.warmup));
      target.settle({ outcome: { kind: 'crashed', reason: target === inFlight ? reason : `${reason} (after an earlier call returned)` } });
    }
    void this.restart(reason, true);
  }

  /**
   * Stops `worker` within the start-up limit (the mirror of starting it),
   * killing what its thread started when it is slow to stop. One that cannot
   * be stopped is given up on, and the run with it ({@link fatal}).
   */
  private async stopWorker(worker: Worker, after?: string): Promise<boolean> {
    const limit = this.limits.startTimeoutMs;
    if (await stopWithin(worker, limit, this.threads.get(worker))) return true;
    this.live.delete(worker);
    this.fatal ??=
      `its worker thread could not be stopped within ${limit} ms${after ? ` after it ${after}` : ''}: the thread is blocked outside JavaScript ` +
      '(in native code or a system call), where a worker cannot be stopped; the run stops here (the start-up limit bounds a stop too: --start-timeout)';
    this.dead = this.fatal;
    return false;
  }

  private restart(reason: string, gone = false, warm = true): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarts.push({ check: this.currentCheck, reason });
    const old = gone ? undefined : this.worker;
    this.worker = undefined;
    if (old) quiet(old);
    this.restarting = (async () => {
      try {
        if (old && !(await this.stopWorker(old, reason))) return;
        Atomics.store(this.cells, 0, 0);
        this.attach((await this.replacement()).worker);
        if (warm) this.queue.unshift(...this.warmups());
      } catch (e) {
        this.dead = `could not be restarted after it ${reason}: ${(e as Error).message}`;
      } finally {
        this.restarting = undefined;
        this.schedule();
      }
    })();
    return this.restarting;
  }

  private schedule(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inflight.length > 0 || this.restarting || this.queue.length === 0) return;
    if (this.dead || !this.worker) {
      const reason = this.dead ?? 'is not running';
      for (const item of this.queue.splice(0)) item.settle({ outcome: { kind: 'crashed', reason } });
      return;
    }
    if (this.unclaimed) {
      const at = this.queue.findIndex((i) => !i.warmup);
      if (at >= 0) {
        const reason = this.unclaimed;
        this.unclaimed = undefined;
        this.queue.splice(at, 1)[0]!.settle({ outcome: { kind: 'crashed', reason: `${reason} (after an earlier call returned)` } });
        return this.schedule();
      }
    }
    const batch = this.queue[0]!.confirming ? this.queue.splice(0, 1) : this.takeBatch();
    // Numbered as sent: the watch counts progress through a batch by rising numbers, and a
    // warm-up put in front after a restart was numbered after the calls queued behind it
    // (every call then read as the worker stopping between calls, restart after restart).
    for (const item of batch) item.seq = this.nextSeq++;
    this.inflight = batch;
    try {
      this.worker.postMessage({
        type: 'calls',
        calls: batch.map(({ seq, op, args, watch }) => ({ seq, op, args, watch })),
      } satisfies ToWorker);
    } catch (e) {
      this.inflight = [];
      for (const item of batch)
        item.settle({ outcome: { kind: 'threw', error: new Error(`the input could not be sent to the worker: ${(e as Error).message}`) } });
      return this.schedule();
    }
    this.watch.start(batch[0]!.seq, batch.at(-1)!.seq);
  }

  /** One call per operation the codec answered before, to be sent first to a fresh worker. */
  private warmups(): Item[] {
    const out: Item[] = [];
    const wanted = new Set(this.queue.filter((i) => !i.warmup).map((i) => i.op));
    for (const [op, args] of this.answered) {
      if (wanted.has(op)) out.push({ seq: this.nextSeq++, op, args, watch: false, warmup: true, settle: () => undefined });
    }
    return out;
  }

  private takeBatch(): Item[] {
    let n = 0;
    while (n < this.queue.length && n < MAX_BATCH && !this.queue[n]!.confirming) n++;
    return this.queue.splice(0, n);
  }

  private enqueue(op: Operation, args: unknown[], watch: boolean): Promise<{ outcome: Outcome; argsAfter?: unknown[] }> {
    if (!this.ops.has(op)) return Promise.resolve({ outcome: missingOp(op) });
    const known = this.watch.policy.known(op, args);
    if (known) return Promise.resolve({ outcome: known });
    return new Promise((settle) => {
      this.queue.push({ seq: this.nextSeq++, op, args, watch, settle });
      this.schedule();
    });
  }

  call = async (op: Operation, ...args: unknown[]) => (await this.enqueue(op, args, false)).outcome;

  callWatching = async (op: Operation, ...args: unknown[]) => {
    const r = await this.enqueue(op, args, true);
    return { outcome: r.outcome, argsAfter: r.argsAfter ?? args };
  };

  /** Drops the calls not yet sent: they are answered as not run. */
  cancelQueued(): void {
    for (const item of this.queue.splice(0)) item.settle({ outcome: { kind: 'crashed', reason: CANCELLED_REASON } });
  }

  async stop(): Promise<string[]> {
    await this.restarting;
    this.watch.stop();
    // A spare (started, or still starting) is stopped without its teardown: it never served a call.
    this.spare = undefined;
    await Promise.all([...this.live].filter((w) => w !== this.worker).map((w) => this.stopWorker(w)));
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return this.dead ? [this.dead] : [];
    quiet(worker);
    const limit = this.limits.startTimeoutMs;
    const warning = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(`teardown did not finish within ${limit} ms`), limit);
      worker.on('message', (m: FromWorker) => m.type === 'torn-down' && (clearTimeout(timer), resolve(m.warning)));
      worker.once('error', (e) => (clearTimeout(timer), resolve(`teardown ${this.errorWords(e)}`)));
      worker.once('exit', (code) => (clearTimeout(timer), resolve(`teardown ended the worker's thread (exit code ${code})`)));
      worker.postMessage({ type: 'teardown' } satisfies ToWorker);
    });
    quiet(worker);
    await this.stopWorker(worker, 'was torn down');
    return warning ? [warning] : [];
  }
}
