import { Worker } from 'node:worker_threads';
import type { Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import { describeValue } from '../../spec/index.js';
import type { Outcome } from '../../suites/index.js';
import type { CodecHost, Restart } from './host.js';
import { receiveError, type SentError } from './wire-values.js';
import type { ToWorker, WorkerInit } from './worker-main.js';

type FromWorker =
  | { type: 'ready' }
  | { type: 'setup-failed'; message: string }
  | { type: 'torn-down'; warning?: string }
  | { type: 'result'; id: number; outcome: { kind: 'returned'; value: unknown } | { kind: 'threw'; error: SentError }; argsAfter?: unknown[]; incidents: { text: string; restart: boolean }[] };

interface Pending {
  settle(r: { outcome: Outcome; argsAfter?: unknown[] }): void;
}

const STDERR_CAP = 200;
const here = new URL(import.meta.url);
const fromSource = here.pathname.endsWith('.ts');

/** The worker: dist's worker-main.js, or (running from source, as the tests do) worker-main.ts through tsx. */
function newWorker(init: WorkerInit): Worker {
  const options = { workerData: init, stdout: true, stderr: true };
  if (!fromSource) return new Worker(new URL('./worker-main.js', here), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const main = new URL('./worker-main.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The codec in a worker thread (the default): a call that hangs is stopped by
 * terminating the worker; a codec that ends its process, throws outside a
 * call, leaves a rejection unhandled or writes to stdout fails the call in
 * flight. After any of these the worker is replaced (setup runs again) and
 * the run goes on.
 */
export class WorkerHost implements CodecHost {
  readonly isolation = 'worker';
  currentCheck = '';
  readonly restarts: Restart[] = [];
  readonly stderr: string[] = [];
  private worker: Worker | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: string | undefined;
  /** A crash between calls, charged to the next call (of the check in flight). */
  private unclaimed: string | undefined;

  constructor(private readonly init: WorkerInit, private readonly timeoutMs: number, private readonly has: (op: Operation) => boolean) {}

  async start(): Promise<void> {
    const worker = newWorker(this.init);
    worker.stderr.on('data', (d: Buffer) => void (this.stderr.length < STDERR_CAP && this.stderr.push(String(d))));
    worker.stdout.resume();
    const startMs = this.timeoutMs * 5;
    await new Promise<void>((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        void worker.terminate();
        reject(new ConformanceError('adapter_setup', `adapter ${this.init.specifier}: ${why}`));
      };
      const timer = setTimeout(() => fail(`setup did not finish within ${startMs} ms`), startMs);
      worker.once('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else fail(m.type === 'setup-failed' ? m.message : `sent ${m.type} before ready`);
      });
      worker.once('error', (e) => fail(`crashed while starting: ${describeThrown(e)}`));
      worker.once('exit', (code) => fail(`ended its process while starting (exit code ${code})`));
    });
    worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (e) => this.lost(worker, `threw outside any call: ${describeThrown(e)}`));
    worker.on('exit', (code) => this.lost(worker, `ended its process (exit code ${code})`));
    this.worker = worker;
  }

  private onMessage(m: FromWorker): void {
    if (m.type !== 'result') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.incidents.length > 0) {
      p.settle({ outcome: { kind: 'crashed', reason: m.incidents.map((i) => i.text).join('; ') }, ...(m.argsAfter ? { argsAfter: m.argsAfter } : {}) });
      // Output on stdout was caught before it went anywhere; anything else may have left the codec broken.
      const serious = m.incidents.find((i) => i.restart);
      if (serious) void this.restart(serious.text);
      return;
    }
    const outcome: Outcome = m.outcome.kind === 'returned' ? m.outcome : { kind: 'threw', error: receiveError(m.outcome.error) };
    p.settle({ outcome, ...(m.argsAfter ? { argsAfter: m.argsAfter } : {}) });
  }

  /** The worker is gone under a call: fail what was in flight, start a new one. */
  private lost(from: Worker, reason: string): void {
    if (this.worker !== from) return;
    this.worker = undefined;
    if (this.pending.size === 0) this.unclaimed ??= reason;
    for (const p of this.pending.values()) p.settle({ outcome: { kind: 'crashed', reason } });
    this.pending.clear();
    void this.restart(reason, true);
  }

  private restarting: Promise<void> | undefined;

  private restart(reason: string, gone = false): Promise<void> {
    this.restarts.push({ check: this.currentCheck, reason });
    const old = gone ? undefined : this.worker;
    this.worker = undefined;
    old?.removeAllListeners('exit').removeAllListeners('error');
    this.restarting = (async () => {
      await old?.terminate();
      try {
        await this.start();
      } catch (e) {
        this.dead = `could not be restarted after it ${reason}: ${(e as Error).message}`;
      }
    })();
    return this.restarting;
  }

  private async send(op: Operation, args: unknown[], watch: boolean): Promise<{ outcome: Outcome; argsAfter?: unknown[] }> {
    if (!this.has(op)) return { outcome: { kind: 'threw', error: new Error(`the adapter has no reject.${op}`) } };
    await this.restarting;
    if (this.unclaimed) {
      const reason = this.unclaimed;
      this.unclaimed = undefined;
      return { outcome: { kind: 'crashed', reason: `${reason} (after an earlier call returned)` } };
    }
    if (this.dead) return { outcome: { kind: 'crashed', reason: this.dead } };
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ outcome: { kind: 'timeout', ms: this.timeoutMs } });
        void this.restart(`did not return within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      this.pending.set(id, { settle: (r) => (clearTimeout(timer), resolve(r)) });
      try {
        worker.postMessage({ type: 'call', id, op, args, watch } satisfies ToWorker);
      } catch (e) {
        this.pending.delete(id);
        clearTimeout(timer);
        resolve({ outcome: { kind: 'threw', error: new Error(`the input could not be sent to the worker: ${(e as Error).message}`) } });
      }
    });
  }

  call = async (op: Operation, ...args: unknown[]) => (await this.send(op, args, false)).outcome;

  callWatching = async (op: Operation, ...args: unknown[]) => {
    const r = await this.send(op, args, true);
    return { outcome: r.outcome, argsAfter: r.argsAfter ?? args };
  };

  async stop(): Promise<string[]> {
    await this.restarting;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return this.dead ? [this.dead] : [];
    worker.removeAllListeners('exit').removeAllListeners('error');
    const warning = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(`teardown did not finish within ${this.timeoutMs * 5} ms`), this.timeoutMs * 5);
      worker.on('message', (m: FromWorker) => m.type === 'torn-down' && (clearTimeout(timer), resolve(m.warning)));
      worker.once('exit', () => (clearTimeout(timer), resolve(undefined)));
      worker.postMessage({ type: 'teardown' } satisfies ToWorker);
    });
    await worker.terminate();
    return warning ? [warning] : [];
  }
}

function describeThrown(e: unknown): string {
  return e instanceof Error ? e.message : `${describeValue(e)} (not an Error)`;
}
