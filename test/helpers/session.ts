import { sessionExitCode, TOOL, type RunResult, type SessionResult } from '../../runner/index.js';

/** The session of one run, as the CLI would make it: what a reporter's onSessionEnd receives. */
export function sessionOf(...results: RunResult[]): SessionResult {
  const r = results[0]!;
  return {
    tool: TOOL,
    spec: r.spec,
    seed: r.seed,
    seedWasRandom: false,
    runs: r.runs,
    timeoutMs: r.timeoutMs,
    gatingLevels: ['must'],
    reasons: r.reasons,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    results,
    errors: [],
    exitCode: sessionExitCode(results, []),
  };
}
