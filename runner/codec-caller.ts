import type { Adapter, Operation } from '../adapters/contract.js';
import type { CodecCaller, Outcome } from '../suites/index.js';

const TIMED_OUT = Symbol('timed out');

/** Runs `work` bounded by `ms`: what it returned, what it threw, or that it did not finish. */
export async function bounded(work: () => unknown, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const value = await Promise.race([Promise.resolve().then(work), deadline]);
    return value === TIMED_OUT ? { kind: 'timeout', ms } : { kind: 'returned', value };
  } catch (error) {
    return { kind: 'threw', error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls into the adapter's codec in this process, each call bounded by
 * `timeoutMs`. A call that never yields the event loop cannot be stopped
 * here; that needs isolation.
 */
export function inProcessCaller(adapter: Adapter, timeoutMs: number): CodecCaller {
  const callUncopied = (op: Operation, ...args: unknown[]): Promise<Outcome> => {
    const fn = adapter.reject[op] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) return Promise.resolve({ kind: 'threw', error: new Error(`the adapter has no reject.${op}`) });
    return bounded(() => fn.apply(adapter.reject, args), timeoutMs);
  };
  return {
    callUncopied,
    call: (op, ...args) => callUncopied(op, ...structuredClone(args)),
  };
}
