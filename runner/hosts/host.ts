import type { Operation } from '../../adapters/contract.js';
import type { CodecCaller, Outcome } from '../../suites/index.js';

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
  /** Loads and sets up the codec; throws a ConformanceError when it cannot. May resolve to what it learnt (the exec host: the testee's hello). */
  start(): Promise<unknown>;
  /** Tears the codec down; returns warnings (a teardown that threw). */
  stop(): Promise<string[]>;
  /** The check now running, so restarts and stray output are charged to it. */
  currentCheck: string;
  readonly restarts: Restart[];
  /** What the codec wrote to stderr, kept for the report (capped). */
  readonly stderr: string[];
}

/** `outcome` as words, for setup and teardown messages. */
export function outcomeWords(out: Outcome): string {
  switch (out.kind) {
    case 'returned': return 'finished';
    case 'timeout': return `did not finish within ${out.ms} ms`;
    case 'crashed': return out.reason;
    case 'threw': return `threw: ${String((out.error as Error)?.message ?? out.error)}`;
  }
}

/** The wrapper every host gives `op` results through: a codec function it lacks throws like a refusal would not. */
export const missingOp = (op: Operation): Outcome => ({ kind: 'threw', error: new Error(`the adapter has no reject.${op}`) });
