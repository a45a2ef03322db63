import type { Operation, Wire } from '../../adapters/contract.js';
import type { ConformanceErrorCode } from '../../adapters/errors.js';
import type { ExecSpec } from '../../adapters/exec.js';
import type { SentError } from './wire-values.js';

/** One call in a batch: its sequence number (never 0), the operation and its arguments. */
export interface WorkerCall {
  seq: number;
  op: Operation;
  args: unknown[];
  /** Send the arguments back as the codec left them. */
  watch: boolean;
}

/** What the host sends: a batch of calls, answered in order in one message, or the end. */
export type ToWorker = { type: 'calls'; calls: WorkerCall[] } | { type: 'teardown' };

/** One call's answer, read into plain data inside the worker. */
export interface WorkerCallResult {
  seq: number;
  /** How long the call took, measured in the worker. */
  ms: number;
  /** How much the answer holds (characters, bytes, entries). */
  size?: number;
  outcome: { kind: 'returned'; value: unknown } | { kind: 'threw'; error: SentError } | { kind: 'unreadable'; reason: string };
  argsAfter?: unknown[];
  incidents?: { text: string; restart: boolean }[];
}

/** What an adapter says it is, once it has loaded (the runner never imports it under isolation). */
export interface HostedAdapter {
  name: string;
  version?: string;
  wire: Wire;
  operations: readonly Operation[];
}

/** What the worker sends. */
export type FromWorker =
  | { type: 'ready'; adapter: HostedAdapter }
  | { type: 'load-failed'; code: ConformanceErrorCode; message: string }
  | { type: 'exec'; exec: ExecSpec }
  | { type: 'setup-failed'; message: string }
  | { type: 'torn-down'; warning?: string }
  /** `partial`: the answers so far were too large to hold with more; the calls not answered were not run. */
  | { type: 'results'; results: WorkerCallResult[]; partial?: boolean };
