import { format } from 'node:util';
import type { Adapter, Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import { importAdapter, type AdapterSource } from '../../adapters/loader.js';
import type { ReasonList } from '../../spec/index.js';
import type { Outcome } from '../../suites/index.js';
import { bounded } from '../codec-caller.js';
import { checkIntrinsics } from '../intrinsics.js';
import { describeAdapter, missingOp, outcomeWords, type CodecHost, type HostedAdapter, type Restart } from './host.js';
import { OutputTail } from '../../adapters/output-tail.js';
import { snapshot, snapshotArgs } from './snapshot.js';
import { receiveError, sendError } from './wire-values.js';

const STDOUT_METHODS = ['log', 'info', 'debug'] as const;

/** Thrown into a codec that calls process.exit while it runs in this process. */
class CodecExit extends Error {
  constructor(readonly code: unknown) {
    super(`called process.exit(${String(code ?? '')})`);
  }
}

/**
 * The codec in this process (`--no-isolation`): fastest, but a codec that
 * blocks the event loop or changes this process's globals takes the run with
 * it. What can be kept the same as under isolation is: what a call returns is
 * read once into plain data (a value that cannot be read cannot be judged),
 * what it throws is seen as it would cross a boundary, what it writes to
 * stdout during a call is kept for the report (never a failure, as in a
 * worker), and a process.exit during a call, setup or teardown is stopped
 * and fails that call instead of ending the run.
 */
export class InProcessHost implements CodecHost {
  readonly isolation = 'in-process';
  currentCheck = '';
  readonly restarts: Restart[] = [];
  private readonly out = new OutputTail();
  private readonly err = new OutputTail();
  private adapter: Adapter | undefined;

  constructor(
    private readonly from: { adapter: Adapter } | { source: AdapterSource; reasons: ReasonList },
    private readonly specifier: string,
    private readonly timeoutMs: number,
    private readonly startTimeoutMs: number = timeoutMs * 5,
  ) {}

  get stdout(): string[] {
    return this.out.parts();
  }

  get stderr(): string[] {
    return this.err.parts();
  }

  /** Runs `work` with process.exit and stdout held: an exit is thrown back into it, and recorded. */
  private async guarded(work: () => unknown, ms: number): Promise<Outcome> {
    const exit = process.exit;
    const reallyExit = (process as { reallyExit?: unknown }).reallyExit;
    const write = process.stdout.write;
    const writeErr = process.stderr.write;
    let exited: CodecExit | undefined;
    const trap = ((code?: unknown) => {
      exited = new CodecExit(code);
      throw exited;
    }) as typeof process.exit;
    process.exit = trap;
    (process as { reallyExit?: unknown }).reallyExit = trap;
    process.stdout.write = ((chunk: unknown) => (this.out.push(String(chunk)), true)) as typeof process.stdout.write;
    // What it writes to stderr during a call is kept for the report, never printed raw (as in a worker).
    process.stderr.write = ((chunk: unknown) => (this.err.push(String(chunk)), true)) as typeof process.stderr.write;
    // console's stdout methods too: a test runner (vitest) may have replaced console with its own.
    const saved = STDOUT_METHODS.map((m) => console[m]);
    for (const m of STDOUT_METHODS) console[m] = (...a: unknown[]) => this.out.push(`${format(...a)}\n`);
    try {
      const outcome = await bounded(work, ms);
      return exited ? { kind: 'crashed', reason: exited.message } : outcome;
    } finally {
      process.exit = exit;
      (process as { reallyExit?: unknown }).reallyExit = reallyExit;
      process.stdout.write = write;
      process.stderr.write = writeErr;
      STDOUT_METHODS.forEach((m, i) => (console[m] = saved[i]!));
    }
  }

  private async callAs(op: Operation, args: unknown[]): Promise<Outcome> {
    const fn = this.adapter?.reject[op] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) return missingOp(op);
    const outcome = await this.guarded(() => fn.apply(this.adapter!.reject, args), this.timeoutMs);
    if (outcome.kind === 'threw') return { kind: 'threw', error: receiveError(sendError(outcome.error)) };
    if (outcome.kind !== 'returned') return outcome;
    const read = snapshot(outcome.value);
    return read.ok ? { kind: 'returned', value: read.value } : { kind: 'unreadable', reason: read.reason };
  }

  call = (op: Operation, ...args: unknown[]) => this.callAs(op, structuredClone(args));

  callWatching = async (op: Operation, ...args: unknown[]) => {
    const own = structuredClone(args);
    const outcome = await this.callAs(op, own);
    return { outcome, argsAfter: snapshotArgs(own) };
  };

  async start(): Promise<HostedAdapter> {
    let adapter: Adapter;
    if ('adapter' in this.from) adapter = this.from.adapter;
    else {
      // A load that failed because the module replaced a built-in says that, not what broke.
      const imported = await importAdapter(this.from.source, this.from.reasons).catch((e: unknown) => {
        checkIntrinsics(this.specifier);
        throw e;
      });
      if ('exec' in imported)
        throw new ConformanceError(
          'bad_option',
          `adapter ${this.specifier}: names a subprocess testee, which runs in its own process: leave out --no-isolation`,
        );
      adapter = imported.adapter;
    }
    this.adapter = adapter;
    if (adapter.setup) {
      const out = await this.guarded(() => adapter.setup!(), this.startTimeoutMs);
      if (out.kind !== 'returned') {
        const warnings = await this.stop();
        throw new ConformanceError(
          'adapter_setup',
          `adapter ${this.specifier}: setup ${outcomeWords(out)}${warnings.length ? ` (${warnings.join('; ')})` : ''}`,
        );
      }
    }
    checkIntrinsics(this.specifier);
    return describeAdapter(adapter);
  }

  async stop(): Promise<string[]> {
    const teardown = this.adapter?.teardown;
    if (!teardown) return [];
    const out = await this.guarded(() => teardown.call(this.adapter), this.startTimeoutMs);
    return out.kind === 'returned' ? [] : [`teardown ${outcomeWords(out)}`];
  }
}
