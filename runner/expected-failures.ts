import { summarize, type CheckResult, type RunResult } from './result.js';

/** One entry of an expected-failures list: a check id, and why it is expected to fail. */
export interface ExpectedEntry {
  check: string;
  note?: string;
}

/** Check ids expected to fail, per adapter name (the adapter's `name`). */
export type ExpectedFailures = Readonly<Record<string, readonly ExpectedEntry[]>>;

/** The entries listed for the adapter named `name`. */
export function entriesFor(expected: ExpectedFailures, name: string): readonly ExpectedEntry[] {
  return Object.hasOwn(expected, name) ? expected[name]! : [];
}

/** `c` settled against its expected-failures entry (see {@link applyExpectedFailures}). */
export function settleExpected(c: CheckResult, entry: ExpectedEntry, file: string): CheckResult {
  const expected = { file, ...(entry.note !== undefined ? { note: entry.note } : {}) };
  if (c.status === 'failed') return { ...c, status: 'expected-failure', gating: false, expected };
  if (c.status === 'passed') return { ...c, status: 'stale-expected-failure', gating: true, expected };
  return c;
}

/**
 * `result` with its expected failures settled: a listed check that failed is
 * an expected failure and no longer gates; a listed check that passed is a
 * stale entry and gates, so the list is kept honest. Skipped checks stay
 * skipped (nothing was learned about them).
 */
export function applyExpectedFailures(result: RunResult, expected: ExpectedFailures, file: string): RunResult {
  const entries = entriesFor(expected, result.adapter.name);
  if (entries.length === 0) return result;
  const byCheck = new Map(entries.map((e) => [e.check, e]));
  const checks = result.checks.map((c) => (byCheck.has(c.id) ? settleExpected(c, byCheck.get(c.id)!, file) : c));
  return { ...result, checks, summary: summarize(checks) };
}

/**
 * The list that makes this run's results expected: every failure that gates
 * (or is already expected), per adapter, keeping the notes of entries that
 * stay and the entries of adapters this run did not see.
 */
export function expectedFailuresOf(results: readonly RunResult[], previous: ExpectedFailures = {}): Record<string, ExpectedEntry[]> {
  const out: Record<string, ExpectedEntry[]> = {};
  for (const [name, entries] of Object.entries(previous)) out[name] = [...entries];
  for (const r of results) {
    const old = new Map((Object.hasOwn(previous, r.adapter.name) ? previous[r.adapter.name]! : []).map((e) => [e.check, e]));
    out[r.adapter.name] = r.checks
      .filter((c) => (c.status === 'failed' && c.gating) || c.status === 'expected-failure')
      .map((c) => old.get(c.id) ?? { check: c.id });
  }
  return out;
}
