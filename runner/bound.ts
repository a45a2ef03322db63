import { boundText, boundValue, count, type Bounds } from './_internals/bound-value.js';
import type { CheckResult, FailureDetail, RunResult } from './result.js';

/** `count` too: the reports write numbers as the bounds' markers do (1,234). */
export { boundText, boundValue, count, type Bounds } from './_internals/bound-value.js';

/**
 * The limits on what a result keeps (README: Reports). Wide enough that a
 * correct codec's values for the suite's inputs are never cut: a call-id is
 * at most 8,192 characters, 16,384 code units, and an XML text spelling each
 * as `&#x10FFFF;` about 82,000 characters. Small enough that a codec
 * returning 100 MB leaves a report of a few hundred kilobytes.
 */
export const BOUNDS: Readonly<
  Bounds & {
    /** Characters of a message, skip reason, warning, restart reason or the stderr tail. */
    textChars: number;
    /** Characters of the adapter's name and version. */
    labelChars: number;
  }
> = {
  chars: 100_000,
  valueChars: 250_000,
  entries: 100,
  depth: 16,
  parts: 10_000,
  bytes: 10_000,
  textChars: 10_000,
  labelChars: 1_000,
};

const text = (s: unknown, max = BOUNDS.textChars) => boundText(typeof s === 'string' ? s : String(boundValue(s, BOUNDS)), max);

/** `list` cut after `BOUNDS.entries` items, the last saying how many more there were. */
function list<T>(items: readonly T[], each: (x: T) => T, more: (n: number) => T): T[] {
  const kept = items.slice(0, BOUNDS.entries).map(each);
  return items.length > BOUNDS.entries ? [...kept, more(items.length - BOUNDS.entries)] : kept;
}

/** `f` with its message bounded, and its expected, received and counterexample within `bounds` ({@link BOUNDS} unless given). */
export function boundFailure(f: FailureDetail, bounds: Bounds = BOUNDS): FailureDetail {
  const value = (v: unknown) => boundValue(v, bounds);
  return {
    ...f,
    message: text(f.message),
    ...('expected' in f ? { expected: value(f.expected) } : {}),
    ...('received' in f ? { received: value(f.received) } : {}),
    counterexample: value(f.counterexample),
  };
}

const bounded = new WeakSet<CheckResult>();

/**
 * `result` with every value it keeps bounded: each failure's message,
 * expected, received and counterexample, and the skip reason (see
 * {@link BOUNDS}; cut values carry a visible `…[truncated: …]` marker).
 * Never throws, whatever the codec returned.
 */
export function boundCheckResult(result: CheckResult): CheckResult {
  if (bounded.has(result)) return result;
  const out: CheckResult = {
    ...result,
    ...(result.skipReason !== undefined ? { skipReason: text(result.skipReason) } : {}),
    ...(result.failure ? { failure: boundFailure(result.failure) } : {}),
    ...(result.failures ? { failures: result.failures.map((f) => boundFailure(f)) } : {}),
  };
  bounded.add(out);
  return out;
}

/**
 * `result` with every value it keeps bounded: each check (as
 * {@link boundCheckResult}), the adapter's name and version, warnings,
 * restarts and the stderr tail. Never throws.
 */
export function boundRunResult(result: RunResult): RunResult {
  const { adapter } = result;
  return {
    ...result,
    adapter: {
      ...adapter,
      name: text(adapter.name, BOUNDS.labelChars),
      ...(adapter.version !== undefined ? { version: text(adapter.version, BOUNDS.labelChars) } : {}),
    },
    checks: result.checks.map(boundCheckResult),
    warnings: list(
      result.warnings,
      (w) => text(w),
      (n) => `…[truncated: ${count(n)} more warnings]`,
    ),
    restarts: list(
      result.restarts,
      (r) => ({ check: r.check, reason: text(r.reason) }),
      (n) => ({ check: '', reason: `…[truncated: ${count(n)} more restarts]` }),
    ),
    ...(result.stderr !== undefined ? { stderr: text(result.stderr) } : {}),
    ...(result.stdout !== undefined ? { stdout: text(result.stdout) } : {}),
  };
}
