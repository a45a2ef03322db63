import type { Wire } from '../adapters/contract.js';
import type { CheckInfo, CorpusCase, FindingCode } from '../suites/index.js';

/**
 * How one check ended. `expected-failure`: it failed and the expected-failures
 * file lists it, so it does not gate; `stale-expected-failure`: the file lists
 * it but it passed, so the entry must go (it gates).
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'expected-failure' | 'stale-expected-failure';

/** The statuses, in the order reports count them. */
export const CHECK_STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'skipped', 'expected-failure', 'stale-expected-failure'];

/** Failing kinds reported per check, each with its own counterexample; the rest are counted. */
export const MAX_FAILURES_SHOWN = 10;

/** A failing check's evidence: enough to understand it and to reproduce it with one command. */
export interface FailureDetail {
  code: FindingCode | 'internal_error';
  message: string;
  expected?: unknown;
  received?: unknown;
  /** The smallest failing input fast-check found, as the check shows it. */
  counterexample: unknown;
  seed: number;
  /** fast-check's path to the counterexample: with the seed, it replays exactly this case. */
  path: string;
  shrinks: number;
  /** The one command that reproduces exactly this failure. */
  reproduce: string;
  /** The kind of input that failed (README: Kinds, coverage and every failure). */
  kind?: string;
  /** Every kind whose failing case shrank to this same failure, this one's first, when there are more than one. */
  seenIn?: string[];
  /** The `--kind` that replays it with `seed` and `path`, when the case is one of the kind's own (tried before the random cases). */
  replayKind?: string;
  /** The case as a corpus file would hold it (what `--save-failures` writes), when the corpus checks replay this check's rule. */
  corpusCase?: CorpusCase;
}

/** One kind of input a check tried, and how it fared. */
export interface KindResult {
  name: string;
  /** Cases of this kind that ran. */
  cases: number;
  failed?: boolean;
}

/** How much of its input space a check tried. */
export interface Coverage {
  /** Kinds in the check's input space on this run's wire. */
  kinds: number;
  /** Kinds that ran at least one case. */
  tried: number;
  /** Kinds with a failing case. */
  failed: number;
}

/** The result of one check. */
export interface CheckResult extends Omit<CheckInfo, 'needs' | 'wires'> {
  status: CheckStatus;
  /** Why it was skipped. */
  skipReason?: string;
  /** Cases tried. */
  runs: number;
  durationMs: number;
  /** Whether this result fails the gate: a failure at a gating level (`must` by default), or a stale expected failure. */
  gating: boolean;
  /** The first failure; the same as `failures[0]`. */
  failure?: FailureDetail;
  /**
   * Each distinct failure, shrunk, at most {@link MAX_FAILURES_SHOWN}: kinds whose failures shrink to
   * the same finding are one failure (`seenIn` names them); a hang or crash first, then the kinds that
   * fail most consistently. `coverage.failed` says how many kinds failed in all.
   */
  failures?: FailureDetail[];
  coverage?: Coverage;
  /** Every kind of the check's input space, with the cases it ran. */
  kinds?: KindResult[];
  /** The expected-failures entry this result met, for expected and stale ones. */
  expected?: { file: string; note?: string };
}

/** Counts of one run's results. `gatingFailures` counts every result that fails the gate. */
export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  expectedFailures: number;
  staleExpectedFailures: number;
  gatingFailures: number;
}

/** The summary of `checks`. */
export function summarize(checks: readonly CheckResult[]): RunSummary {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    expectedFailures: count('expected-failure'),
    staleExpectedFailures: count('stale-expected-failure'),
    gatingFailures: checks.filter((c) => c.gating).length,
  };
}

/** Everything a run found, as plain data: reporters turn it into words. */
export interface RunResult {
  tool: { name: string; version: string };
  spec: { page: string; version: string };
  adapter: { name: string; version?: string; wire: Wire; specifier: string };
  seed: number;
  runs: number;
  timeoutMs: number;
  reasons: { values: readonly string[]; extended: readonly string[] };
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  summary: RunSummary;
  /** Things that went wrong around the checks (a teardown that threw). */
  warnings: string[];
  /** Where the codec ran. */
  isolation: 'in-process' | 'worker' | 'subprocess';
  /** Each time the codec was restarted after a hang or crash: during which check, and why. */
  restarts: { check: string; reason: string }[];
  /** The tail of what the codec wrote to stderr, when it wrote anything. */
  stderr?: string;
  /** The tail of what a module codec wrote to stdout (kept, never a failure), when it wrote anything. */
  stdout?: string;
}
