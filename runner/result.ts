import type { Wire } from '../adapters/contract.js';
import type { CheckInfo, FindingCode } from '../suites/index.js';

/** How one check ended. */
export type CheckStatus = 'passed' | 'failed' | 'skipped';

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
}

/** The result of one check. */
export interface CheckResult extends Omit<CheckInfo, 'needs' | 'wires'> {
  status: CheckStatus;
  /** Why it was skipped. */
  skipReason?: string;
  /** Cases tried. */
  runs: number;
  durationMs: number;
  /** Whether this failure fails the gate (`must` by default). */
  gating: boolean;
  failure?: FailureDetail;
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
  summary: { passed: number; failed: number; skipped: number; gatingFailures: number };
  /** Things that went wrong around the checks (a teardown that threw). */
  warnings: string[];
}
