import { OPERATIONS, type Adapter, type Operation } from '../../adapters/contract.js';
import type { CodecCaller, Outcome } from '../../suites/index.js';
import type { HostedAdapter } from './worker-protocol.js';

export type { HostedAdapter };

/** A restart of the adapter: which check was running and why. */
export interface Restart {
  check: string;
  reason: string;
}

/**
 * Where an adapter's codec runs: in this process, in a worker thread, or in a
 * subprocess. A host calls the codec, bounds every call by the timeout, and
 * restarts the codec after it hangs or crashes, recording why.
 */
export interface CodecHost extends CodecCaller {
  /** How the codec runs, for reports. */
  readonly isolation: 'in-process' | 'worker' | 'subprocess';
  /** Loads and sets up the codec and says what it is; throws a ConformanceError when it cannot. */
  start(): Promise<HostedAdapter>;
  /** Tears the codec down; returns warnings (a teardown that threw). */
  stop(): Promise<string[]>;
  /** The check now running, so restarts and stray output are charged to it. */
  currentCheck: string;
  readonly restarts: Restart[];
  /** What the codec wrote to stderr, kept for the report (its tail). */
  readonly stderr: string[];
  /** What a module codec wrote to stdout: kept for the report, never a failure (its tail). */
  readonly stdout?: string[];
  /** Calls made in the same turn cross as one batch: a check may run its cases side by side. */
  readonly batching?: boolean;
  /** Answers the calls not yet sent as not run. */
  cancelQueued?(): void;
  /**
   * Why the run cannot go on with this codec, when it cannot: its worker
   * thread could not be stopped (blocked outside JavaScript). Every later
   * call is answered as crashed; the run ends as an error.
   */
  readonly fatal?: string;
}

/** What a loaded adapter says it is: the same words from every host. */
export function describeAdapter(adapter: Adapter): HostedAdapter {
  return {
    name: adapter.name,
    ...(adapter.version !== undefined ? { version: adapter.version } : {}),
    wire: adapter.wire ?? 'xml',
    operations: OPERATIONS.filter((op) => typeof (adapter.reject as Record<string, unknown>)[op] === 'function'),
  };
}

/** The reason of a call that was never sent: a first pass stopped at another case's failure. */
export const CANCELLED_REASON = 'not run (cancelled)';

/** `outcome` as words, for setup and teardown messages. */
export function outcomeWords(out: Outcome): string {
  switch (out.kind) {
    case 'returned':
      return 'finished';
    case 'timeout':
      return `did not finish within ${out.ms} ms`;
    case 'crashed':
      return out.reason;
    case 'threw':
      return `threw: ${String((out.error as Error)?.message ?? out.error)}`;
    case 'unreadable':
      return `returned a value that cannot be read: ${out.reason}`;
  }
}

/** The wrapper every host gives `op` results through: a codec function it lacks throws like a refusal would not. */
export const missingOp = (op: Operation): Outcome => ({ kind: 'threw', error: new Error(`the adapter has no reject.${op}`) });
