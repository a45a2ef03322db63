import type { Check } from '../suites/index.js';
import type { CheckResult, RunResult, SessionResult } from '../runner/index.js';

/** What is known when a run starts, before any check. */
export interface RunStart {
  tool: { name: string; version: string };
  adapter: { name: string; version?: string; wire: string; specifier: string };
  seed: number;
  seedWasRandom: boolean;
  runs: number;
  checks: number;
  /** Values the user added to enum:terminate-reasons. */
  extendedReasons?: readonly string[];
}

/** Where a report that links to the documents it cites is read from. */
export interface ReportLinks {
  /**
   * The directory the report is read from: the rule a failure cites links
   * to the package's own file of it, relative to this (default: the current
   * directory). The file reporters pass the directory they write to.
   */
  dir?: string;
}

/** A reporter: optional hooks, each given read-only data (after vitest's reporters). */
export interface Reporter {
  onRunStart?(start: Readonly<RunStart>): void;
  onCheckStart?(check: Readonly<Check>, index: number, total: number): void;
  onCheckEnd?(result: Readonly<CheckResult>, index: number, total: number): void;
  onRunEnd?(result: Readonly<RunResult>): void | Promise<void>;
  /** Once, after every adapter: the whole matrix. File reporters write here, once. */
  onSessionEnd?(session: Readonly<SessionResult>): void | Promise<void>;
}
