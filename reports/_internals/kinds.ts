import { BOUNDS, boundFailure, MAX_FAILURES_SHOWN, type CheckResult, type Coverage, type FailureDetail } from '../../runner/index.js';
import type { Bounds } from '../../runner/bound.js';
import { count } from '../../runner/bound.js';

export { count };

/** `1 kind`, `2,986 kinds`. */
export const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a report keeps of each further failing kind's values: less than of the
 * first (a check reports up to {@link MAX_FAILURES_SHOWN}), so that ten kinds
 * of a codec that returns megabytes still make a small report; enough that
 * every input the suite makes is kept whole (a call-id is at most 16,384 code
 * units).
 */
export const FURTHER_BOUNDS: Readonly<Bounds> = { ...BOUNDS, chars: 16_384, valueChars: 50_000 };

/**
 * The failures a report shows of `c`, in the order the check reported them:
 * `failure` first, then each further failing kind, at most
 * {@link MAX_FAILURES_SHOWN}, each bounded here (to {@link FURTHER_BOUNDS}),
 * so a report stays small whatever a codec returned for the later kinds.
 */
export function shownFailures(c: Pick<CheckResult, 'failure' | 'failures'>): FailureDetail[] {
  const all = Array.isArray(c.failures) && c.failures.length > 0 ? c.failures : c.failure ? [c.failure] : [];
  return all.slice(0, MAX_FAILURES_SHOWN).map((f, i) => (i > 0 ? boundFailure(f, FURTHER_BOUNDS) : (c.failure ?? boundFailure(f))));
}

/** Failing kinds of `c` that no shown failure stands for ("and N more"). */
export function moreFailingKinds(c: Pick<CheckResult, 'failure' | 'failures' | 'coverage'>): number {
  // a shown failure stands for its own kind and every other kind it was seen in
  const standsFor = new Set(shownFailures(c).flatMap((f) => [...(f.kind !== undefined ? [f.kind] : []), ...(f.seenIn ?? [])]));
  return Math.max(0, (c.coverage?.failed ?? 0) - Math.max(standsFor.size, shownFailures(c).length));
}

/** `… and 56 more failing kinds`, or nothing when every failing kind is shown. */
export function moreFailingText(c: Pick<CheckResult, 'failure' | 'failures' | 'coverage'>): string | undefined {
  const n = moreFailingKinds(c);
  return n > 0 ? `… and ${count(n)} more failing kind${n === 1 ? '' : 's'}` : undefined;
}

/** How much of its input space a check tried: `66/66 kinds`. */
export const triedText = (x: Coverage): string => `${count(x.tried)}/${count(x.kinds)} kind${x.kinds === 1 ? '' : 's'}`;

/** What a failing check's coverage says: `5 of 66 kinds failed`, and how many were tried when not all. */
export const failedText = (x: Coverage): string =>
  `${count(x.failed)} of ${plural(x.kinds, 'kind')} failed${x.tried < x.kinds ? ` (${count(x.tried)} tried)` : ''}`;

/** A run's coverage in all: kinds in the input spaces of the checks that ran, tried and failed, and in how many checks. */
export interface RunCoverage extends Coverage {
  /** Checks with a coverage (skipped ones have none). */
  checks: number;
  /** Checks with a failing kind. */
  failedChecks: number;
}

/** The coverage of `checks`, summed. */
export function runCoverage(checks: readonly Pick<CheckResult, 'coverage'>[]): RunCoverage {
  const covered = checks.map((c) => c.coverage).filter((x): x is Coverage => x !== undefined);
  const sum = (f: (x: Coverage) => number) => covered.reduce((n, x) => n + f(x), 0);
  return {
    kinds: sum((x) => x.kinds),
    tried: sum((x) => x.tried),
    failed: sum((x) => x.failed),
    checks: covered.length,
    failedChecks: covered.filter((x) => x.failed > 0).length,
  };
}

/** `2,345 of 2,345 kinds tried across 55 checks; 12 kinds failed in 3 checks`, or undefined when no check says its coverage. */
export function coverageText(checks: readonly Pick<CheckResult, 'coverage'>[]): string | undefined {
  const x = runCoverage(checks);
  if (x.checks === 0) return undefined;
  const failed = x.failed > 0 ? `${plural(x.failed, 'kind')} failed in ${plural(x.failedChecks, 'check')}` : 'no kind failed';
  return `${count(x.tried)} of ${plural(x.kinds, 'kind')} tried across ${plural(x.checks, 'check')}; ${failed}`;
}

/** Kinds named after a merged failure's own, in a report. */
const SEEN_SHOWN = 5;

/**
 * A failure's kind, and the other kinds whose failures shrank to the same
 * finding: `text:char:nbsp (also seen in 3 more kinds: any, reason:busy, jid:bare)`.
 */
export function kindText(f: Pick<FailureDetail, 'kind' | 'seenIn'>): string | undefined {
  if (f.kind === undefined) return undefined;
  const others = (f.seenIn ?? []).filter((k) => k !== f.kind);
  if (others.length === 0) return f.kind;
  const named = others.slice(0, SEEN_SHOWN).join(', ');
  return `${f.kind} (also seen in ${plural(others.length, 'more kind')}: ${named}${others.length > SEEN_SHOWN ? ', …' : ''})`;
}
