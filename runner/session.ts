import type { Level } from '../suites/index.js';
import { diffFails, type DiffResult } from './diff/result.js';
import type { RunResult } from './result.js';

/** An adapter that could not be run to the end (its setup failed), and why. */
export interface AdapterError {
  specifier: string;
  message: string;
}

/**
 * One invocation: the same cases against every adapter (same seed), the
 * matrix every report shows. Plain data.
 */
export interface SessionResult {
  tool: { name: string; version: string };
  spec: { page: string; version: string };
  seed: number;
  seedWasRandom: boolean;
  runs: number;
  timeoutMs: number;
  /** Levels whose failures gate. */
  gatingLevels: readonly Level[];
  reasons: { values: readonly string[]; extended: readonly string[] };
  /** The expected-failures file in force, if any. */
  expectedFailuresFile?: string;
  startedAt: string;
  durationMs: number;
  results: RunResult[];
  errors: AdapterError[];
  /** With --diff: the codecs' answers to the same inputs compared with each other, after the runs. */
  diff?: DiffResult;
  /** 0 every gating check passed; 1 a gating check failed (or a stale expected failure, or the codecs disagreed under --diff-gate); 2 an adapter could not be run. */
  exitCode: 0 | 1 | 2;
}

/** The exit code of a session (docs/contract.md): the worst of its adapters, and 1 when the codecs disagreed under --diff-gate. */
export function sessionExitCode(results: readonly RunResult[], errors: readonly AdapterError[], diff?: DiffResult): 0 | 1 | 2 {
  if (errors.length > 0) return 2;
  return results.some((r) => r.summary.gatingFailures > 0) || diffFails(diff) ? 1 : 0;
}

/** The check ids of a session, in suite order, across all adapters. */
export function sessionCheckIds(session: Pick<SessionResult, 'results'>): string[] {
  const ids: string[] = [];
  for (const r of session.results) for (const c of r.checks) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}
