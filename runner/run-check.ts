import fc from 'fast-check';
import type { Check, CheckContext, CodecCaller, Finding, Outcome } from '../suites/index.js';
import { IncidentStreak, watchIncidents } from './incidents.js';
import type { Operation } from '../adapters/contract.js';
import type { CheckResult, FailureDetail } from './result.js';
import { CANCELLED_REASON } from './hosts/host.js';

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
  const message = `not run: ${op} was given up on (${(p.streak ?? new IncidentStreak()).why(op as Operation)}); fix that first (see the failures above)`;
  return {
    ...info(check), status: 'failed', runs: 0, durationMs: 0, gating: p.gating,
    failure: { code: 'crashed', message, counterexample: null, seed: p.seed, path: '', shrinks: 0, reproduce: p.reproduce(check.id, '0') },
  };
}

/** A skipped check's result. */
export function skipped(check: Check, reason: string): CheckResult {
  return { ...info(check), status: 'skipped', skipReason: reason, runs: 0, durationMs: 0, gating: false };
}

/** A hang or a crash: a finding each case of which costs a limit or a restart. */
const costsRestart = (f: Finding) => f.code === 'timeout' || f.code === 'crashed';

/** How many cases of a check run side by side in the first pass. */
const WINDOW = 512;

const CANCELLED: Outcome = { kind: 'crashed', reason: CANCELLED_REASON };

type FirstPass = { passed: true; runs: number } | { passed: false; index: number; input: unknown; finding: Finding | undefined };

/**
 * The first pass of a check on a host that batches calls: the cases fast-check
 * would try (same seed, same order, edges first) run side by side, so their
 * calls cross to the codec in a few batches instead of one message each. The
 * verdict of every case is still decided here, by the check. The first
 * failing case stops the pass; the check is then run one case at a time as
 * usual, which shrinks the failure.
 */
async function firstPass(check: Check, ctx: CheckContext, seed: number, numRuns: number, examples: [unknown][], streak: IncidentStreak): Promise<FirstPass> {
  const inputs: unknown[] = [];
  await fc.check(fc.asyncProperty(check.arbitrary(ctx), async (input) => void inputs.push(input)), { seed, numRuns, examples });
  const host = ctx.codec as CodecCaller & { cancelQueued?(): void };
  let failure: { index: number; finding: Finding | undefined } | undefined;
  const one = async (index: number) => {
    // A case whose call was cancelled (another case failed first) says nothing.
    let cancelled = false;
    const seen = (o: Outcome) => {
      if (o.kind === 'crashed' && o.reason === CANCELLED_REASON) cancelled = true;
      return o;
    };
    const gated: CodecCaller = {
      call: async (op, ...args) => seen(failure ? CANCELLED : await host.call(op, ...args)),
      callWatching: async (op, ...args) => {
        const r = failure ? { outcome: CANCELLED, argsAfter: args } : await host.callWatching(op, ...args);
        seen(r.outcome);
        return r;
      },
    };
    const incidents: Finding[] = [];
    let finding: Finding | undefined;
    try {
      finding = await check.verify(inputs[index], { ...ctx, codec: watchIncidents(gated, incidents, { see: (op, o) => streak.spend(op, o) }) });
    } catch {
      finding = undefined;
      incidents.push({ code: 'crashed', message: 'the check itself failed' });
    }
    if (cancelled) return;
    if ((finding || incidents.length > 0) && (!failure || index < failure.index)) {
      if (!failure) host.cancelQueued?.();
      failure = { index, finding: incidents[0] ?? finding };
    }
  };
  for (let from = 0; from < inputs.length && !failure; from += WINDOW) {
    const window: Promise<void>[] = [];
    for (let i = from; i < Math.min(inputs.length, from + WINDOW); i++) window.push(one(i));
    await Promise.all(window);
  }
  if (!failure) return { passed: true, runs: inputs.length };
  return { passed: false, index: failure.index, input: inputs[failure.index], finding: failure.finding };
}

/** Said of a failure the first pass found that the one-at-a-time run did not find again. */
const ORDER_DEPENDENT =
  ' (found when the cases ran side by side; not found again when they were replayed one at a time: the codec\'s answer depends on what it was called with before)';

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
      // Hangs and crashes cost a restart each: they count against the shrinking budget.
      if (incidents.some(costsRestart)) incidentCases++;
      throw new FindingError(incidents[0]!);
    }
    if (finding) throw new FindingError(finding);
  });
  const replay = p.path === undefined ? undefined : parseReplayPath(p.path);
  const examples = replay?.randomOnly || check.fixed ? [] : (check.examples?.(ctx) ?? []).map((e) => [e] as [unknown]);
  const numRuns = check.fixed ? 1 : p.runs;
  const base = (runs: number) => ({ ...info(check), runs, durationMs: Math.round(performance.now() - started), gating: false });
  let first: FirstPass | undefined;
  if ((ctx.codec as { batching?: boolean }).batching && !replay && !check.fixed) {
    first = await firstPass(check, ctx, p.seed, numRuns, examples, streak);
    if (first.passed) return { ...base(first.runs), status: 'passed' };
    // A hang or crash is reported as the first pass found it: running the check again one case at a
    // time would cost more hangs (each a limit and a restart) for a counterexample barely smaller.
    if (first.finding && costsRestart(first.finding)) return firstFailure(first);
  }
  /** The failure the first pass found, as it found it (fast-check's path to it is its index). */
  function firstFailure(f: Extract<FirstPass, { passed: false }>, note = ''): CheckResult {
    const path = `${f.index}`;
    return {
      ...base(f.index + 1), status: 'failed', gating: p.gating,
      failure: {
        ...f.finding!, message: `${f.finding!.message}${note}`, counterexample: check.show ? check.show(f.input) : f.input,
        seed: p.seed, path, shrinks: 0, reproduce: p.reproduce(check.id, path),
      },
    };
  }
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
  if (!details.failed && first && !first.passed && first.finding) return firstFailure(first, ORDER_DEPENDENT);
  if (!details.failed) return { ...base(details.numRuns), status: 'passed' };
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
  return { ...base(details.numRuns), status: 'failed', gating: p.gating, failure };
}
