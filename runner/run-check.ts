import fc from 'fast-check';
import type { Check, CheckContext, Finding } from '../suites/index.js';
import { INCIDENT_STREAK_LIMIT, IncidentStreak, watchIncidents } from './incidents.js';
import type { CheckResult, FailureDetail } from './result.js';

/** Carries a finding out of a fast-check property, so the shrunk case keeps its own finding. */
export class FindingError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

/** How one check is run. */
export interface CheckRunParams {
  seed: number;
  runs: number;
  /** Replays exactly one case (fast-check's counterexample path). */
  path?: string;
  gating: boolean;
  reproduce(checkId: string, path: string): string;
  /** Hangs and crashes in a row, across the run. */
  streak?: IncidentStreak;
}

/**
 * Cases that hung or crashed which shrinking may still try after the first:
 * each costs a timeout and a restart, so a hang is shrunk only a little.
 */
export const INCIDENT_SHRINK_BUDGET = 1;

function info(check: Check): Omit<CheckResult, 'status' | 'runs' | 'durationMs' | 'gating'> {
  const { id, level, title, ref, basis, fixed, accepts } = check;
  return { id, level, title, ref, basis, ...(fixed ? { fixed } : {}), ...(accepts ? { accepts } : {}) };
}

/** Marks a path found without the edge examples, so its replay leaves them out too. */
const RANDOM_ONLY = 'r';

/** A `--path` as given: fast-check's path, and whether it was found without the examples. */
export function parseReplayPath(path: string): { path: string; randomOnly: boolean } {
  return path.startsWith(RANDOM_ONLY) ? { path: path.slice(RANDOM_ONLY.length), randomOnly: true } : { path, randomOnly: false };
}

function failedOnExample(path: string | null | undefined, examples: number): boolean {
  const first = Number((path ?? '').split(':')[0]);
  return Number.isInteger(first) && first < examples;
}

function size(counterexample: unknown): number {
  return fc.stringify(counterexample).length;
}

/** A check not run because the codec stopped answering: it fails, saying so. */
export function notRun(check: Check, p: CheckRunParams, op: string): CheckResult {
  const message = `not run: the last ${INCIDENT_STREAK_LIMIT} calls of ${op} all hung or crashed; fix that first (see the failures above)`;
  return {
    ...info(check), status: 'failed', runs: 0, durationMs: 0, gating: p.gating,
    failure: { code: 'crashed', message, counterexample: null, seed: p.seed, path: '', shrinks: 0, reproduce: p.reproduce(check.id, '0') },
  };
}

/** A skipped check's result. */
export function skipped(check: Check, reason: string): CheckResult {
  return { ...info(check), status: 'skipped', skipReason: reason, runs: 0, durationMs: 0, gating: false };
}

/**
 * Runs one check as a fast-check property: examples (the edges) first, then
 * random cases, shrinking the first failure to the smallest case that fails.
 */
export async function runCheck(check: Check, ctx: CheckContext, p: CheckRunParams): Promise<CheckResult> {
  const started = performance.now();
  const streak = p.streak ?? new IncidentStreak();
  let incidentCases = 0;
  const property = fc.asyncProperty(check.arbitrary(ctx), async (input) => {
    // Past the budget (or once the codec answers nothing), shrinking stops at the case it has.
    if (incidentCases > INCIDENT_SHRINK_BUDGET || (incidentCases > 0 && streak.tripped(check.needs))) return;
    const incidents: Finding[] = [];
    const finding = await check.verify(input, { ...ctx, codec: watchIncidents(ctx.codec, incidents, streak) });
    if (incidents.length > 0) {
      incidentCases++;
      throw new FindingError(incidents[0]!);
    }
    if (finding) throw new FindingError(finding);
  });
  const replay = p.path === undefined ? undefined : parseReplayPath(p.path);
  const examples = replay?.randomOnly || check.fixed ? [] : (check.examples?.(ctx) ?? []).map((e) => [e] as [unknown]);
  const numRuns = check.fixed ? 1 : p.runs;
  let details = await fc.check(property, {
    seed: p.seed, numRuns, examples,
    ...(replay ? { path: replay.path, endOnFailure: true } : {}),
  });
  let randomOnly = replay?.randomOnly ?? false;
  // An edge case that fails is reported as it is: fast-check cannot shrink a
  // given example. When a random case also fails, it shrinks, and the smaller
  // of the two is the better counterexample.
  if (details.failed && !replay && failedOnExample(details.counterexamplePath, examples.length)) {
    const random = await fc.check(property, { seed: p.seed, numRuns });
    if (random.failed && size(random.counterexample) < size(details.counterexample)) {
      details = random;
      randomOnly = true;
    }
  }
  const base = { ...info(check), runs: details.numRuns, durationMs: Math.round(performance.now() - started), gating: false };
  if (!details.failed) return { ...base, status: 'passed' };
  const input = details.counterexample?.[0];
  const error = details.errorInstance;
  const finding: Finding | { code: 'internal_error'; message: string } =
    error instanceof FindingError
      ? error.finding
      : { code: 'internal_error', message: `the check itself failed (a bug in the suite): ${error instanceof Error ? error.stack : String(error)}` };
  const path = `${randomOnly ? RANDOM_ONLY : ''}${details.counterexamplePath ?? ''}`;
  const failure: FailureDetail = {
    ...finding,
    counterexample: check.show ? check.show(input) : input,
    seed: details.seed,
    path,
    shrinks: details.numShrinks,
    reproduce: p.reproduce(check.id, path),
  };
  return { ...base, status: 'failed', gating: p.gating, failure };
}
