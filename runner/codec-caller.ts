import type { Outcome } from '../suites/index.js';

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
