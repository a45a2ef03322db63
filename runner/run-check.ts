import fc from 'fast-check';
import { taggedKinds, type Kinds, type Tagged } from '../arbitraries/kinds.js';
import { ConformanceError } from '../adapters/errors.js';
import type { Check, CheckContext, CodecCaller, Finding, Outcome } from '../suites/index.js';
import { IncidentStreak, watchIncidents } from './incidents.js';
import type { Operation } from '../adapters/contract.js';
import { MAX_FAILURES_SHOWN, type CheckResult, type FailureDetail, type KindResult } from './result.js';
import { CANCELLED_REASON } from './hosts/host.js';
import { drawnKinds, kindsOf } from './kinds.js';

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
  /** With `path`: the case is one of this kind's, not of the random cases drawn from all kinds. */
  kind?: string;
  gating: boolean;
  reproduce(checkId: string, path: string, kind?: string): string;
  /** Hangs and crashes in a row, across the run. */
  streak?: IncidentStreak;
  /** Cases drawn for earlier runs, reused (none: drawn afresh). */
  drawn?: DrawnCases;
}

/**
 * Cases that hung or crashed which shrinking may still try after the first:
 * each costs a timeout and a restart, so a hang is shrunk only a little.
 */
export const INCIDENT_SHRINK_BUDGET = 1;

function info(check: Check): Omit<CheckResult, 'status' | 'runs' | 'durationMs' | 'gating'> {
  const { id, level, title, reference, basis, fixed, accepts } = check;
  return { id, level, title, reference, basis, ...(fixed ? { fixed } : {}), ...(accepts ? { accepts } : {}) };
}

/** A check not run because the codec stopped answering: it fails, saying so. */
export function notRun(check: Check, p: CheckRunParams, op: string): CheckResult {
  const message = `not run: ${op} was given up on (${(p.streak ?? new IncidentStreak()).why(op as Operation)}); fix that first (see the failures above)`;
  const failure: FailureDetail = {
    code: 'crashed',
    message,
    counterexample: null,
    seed: p.seed,
    path: '',
    shrinks: 0,
    reproduce: p.reproduce(check.id, '0'),
  };
  return { ...info(check), status: 'failed', runs: 0, durationMs: 0, gating: p.gating, failure, failures: [failure] };
}

/** A skipped check's result. */
export function skipped(check: Check, reason: string): CheckResult {
  return { ...info(check), status: 'skipped', skipReason: reason, runs: 0, durationMs: 0, gating: false };
}

/** A hang or a crash: a finding each case of which costs a limit or a restart. */
const costsRestart = (f: Finding) => f.code === 'timeout' || f.code === 'crashed';

/**
 * What a case showed: its first hang or crash, else the check's finding. A
 * sequential check's own finding of that same hang or crash is kept: it
 * names the step that hung.
 */
function own(incidents: Finding[], finding: Finding | undefined, sequential?: boolean): Finding | undefined {
  const first = incidents[0];
  return first && sequential && finding?.code === first.code && finding.message.endsWith(first.message) ? finding : (first ?? finding);
}

/** How many cases of a check run side by side on a host that batches calls. */
const WINDOW = 512;

const CANCELLED: Outcome = { kind: 'crashed', reason: CANCELLED_REASON };

/** One case of a run: of which kind, drawn how (`kind`: the kind's own first case; `mixed`: the i-th random case drawn from all kinds). */
export interface Case {
  kind: string;
  source: 'kind' | 'mixed';
  index: number;
  input: unknown;
}

/** The first failing case of a kind, and what it showed. */
interface Failed {
  at: number;
  case: Case;
  finding: Finding;
}

/**
 * The seed a kind's own cases are drawn with: the run's seed mixed with the
 * kind's name (FNV-1a), so kinds that share a part (the rest of a message)
 * do not all draw the same rest.
 */
export function kindSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return (seed ^ h) | 0;
}

/** The inputs fast-check tries for `arb` at `seed`: the same values, in the same order, as a check of it would. */
async function inputsOf<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): Promise<T[]> {
  const inputs: T[] = [];
  if (numRuns > 0)
    await fc.check(
      fc.asyncProperty(arb, async (input) => void inputs.push(input)),
      { seed, numRuns },
    );
  return inputs;
}

/**
 * The cases a run tries of `kinds`: each kind's own first case (at the seed
 * mixed with its name, whatever `runs` says), then `runs` random cases drawn
 * from `mixed` at `seed`. The same seed gives the same cases, in the same order.
 */
export async function drawCases<T>(kinds: Kinds<T>, mixed: fc.Arbitrary<Tagged<T>>, seed: number, runs: number): Promise<Case[]> {
  const cases: Case[] = [];
  for (const k of kinds)
    for (const input of await inputsOf(k.arbitrary, kindSeed(seed, k.name), 1))
      cases.push({ kind: k.name, source: 'kind', index: 0, input });
  for (const [index, t] of (await inputsOf(mixed, seed, runs)).entries())
    cases.push({ kind: t.kind, source: 'mixed', index, input: t.value });
  return cases;
}

/** A check's kinds for one context, and the cases a run of them tries at a seed. */
interface Drawn {
  kinds: Kinds<unknown>;
  mixed: fc.Arbitrary<Tagged<unknown>>;
  cases(seed: number, runs: number): Promise<Case[]>;
}

/** What `check` draws in `ctx`, drawn when asked (the seeds and runs a caller asks for kept, at most `kept`). */
function drawn(check: Check, ctx: CheckContext, kept = 0): Drawn {
  const kinds = kindsOf(check, ctx);
  const mixed = taggedKinds(drawnKinds(kinds));
  const memo = new Map<string, Promise<Case[]>>();
  return {
    kinds,
    mixed,
    cases: (seed, runs) => {
      const key = `${seed}:${runs}`;
      let got = memo.get(key);
      if (!got) {
        got = drawCases(kinds, mixed, seed, runs);
        if (kept === 0) return got;
        if (memo.size >= kept) memo.delete(memo.keys().next().value!);
        memo.set(key, got);
        got.catch(() => memo.delete(key));
      }
      return got;
    },
  };
}

/**
 * Cases drawn once for several runs: the same check, wire, reason list, seed
 * and runs always draw the same cases, so runs given one of these (several
 * codecs in a row, a test of many codecs) draw each check's cases once. A run
 * without one draws afresh and keeps nothing past each check. The cases are
 * never handed to a codec as they are (every host copies a call's
 * arguments), so one codec cannot change what the next one is given. A check
 * that replays the corpus draws afresh: its kinds are the corpus's files.
 */
export class DrawnCases {
  private readonly byCheck = new WeakMap<Check, Map<string, Drawn>>();
  /** `kept`: the contexts (wire and reasons), and per context the seeds and runs, kept per check. */
  constructor(private readonly kept = 8) {}

  for(check: Check, ctx: CheckContext): Drawn {
    if (check.corpus !== undefined) return drawn(check, ctx);
    let byContext = this.byCheck.get(check);
    if (!byContext) this.byCheck.set(check, (byContext = new Map()));
    const key = `${ctx.wire}\u0000${JSON.stringify(ctx.reasons)}`;
    let got = byContext.get(key);
    if (!got) {
      if (byContext.size >= this.kept) byContext.delete(byContext.keys().next().value!);
      byContext.set(key, (got = drawn(check, ctx, this.kept)));
    }
    return got;
  }
}

/**
 * Runs `cases` and keeps each kind's first failure. On a host that batches
 * calls the cases run side by side, so their calls cross to the codec in a
 * few batches; elsewhere one at a time. The verdict of every case is decided
 * here, by the check. A hang or a crash stops the pass (each more would cost
 * a limit or a restart); so does an operation the run has given up on.
 */
async function runCases(check: Check, ctx: CheckContext, cases: Case[], streak: IncidentStreak) {
  const host = ctx.codec as CodecCaller & { cancelQueued?(): void; batching?: boolean };
  // A check about calls in a row runs its cases one at a time: no other case's calls come between a case's own.
  const window = host.batching && !check.sequential ? WINDOW : 1;
  const failed = new Map<string, Failed>();
  const ran = new Map<string, number>();
  const failedCases = new Map<string, number>();
  let stopped: 'incident' | 'given-up' | undefined;
  const stop = (why: 'incident' | 'given-up') => {
    if (!stopped) host.cancelQueued?.();
    stopped ??= why;
  };
  const one = async (at: number) => {
    const c = cases[at]!;
    // A case whose call was cancelled (the pass stopped) says nothing.
    let cancelled = false;
    const seen = (o: Outcome) => {
      if (o.kind === 'crashed' && o.reason === CANCELLED_REASON) cancelled = true;
      return o;
    };
    const gated: CodecCaller = {
      call: async (op, ...args) => seen(stopped ? CANCELLED : await host.call(op, ...args)),
      callWatching: async (op, ...args) => {
        const r = stopped ? { outcome: CANCELLED, argsAfter: args } : await host.callWatching(op, ...args);
        seen(r.outcome);
        return r;
      },
    };
    const incidents: Finding[] = [];
    // Side by side, calls have no order: only what hangs cost is counted, not hangs in a row.
    const counter = window > 1 ? { see: (op: Operation, o: Outcome) => streak.spend(op, o) } : streak;
    let finding: Finding | undefined;
    try {
      finding = await check.verify(c.input, { ...ctx, codec: watchIncidents(gated, incidents, counter) });
    } catch (e) {
      finding = { code: 'crashed', message: `the check itself failed (a bug in the suite): ${e instanceof Error ? e.message : String(e)}` };
    }
    if (cancelled) return;
    ran.set(c.kind, (ran.get(c.kind) ?? 0) + 1);
    const f = own(incidents, finding, check.sequential);
    if (f) {
      failedCases.set(c.kind, (failedCases.get(c.kind) ?? 0) + 1);
      const before = failed.get(c.kind);
      if (!before || at < before.at) failed.set(c.kind, { at, case: c, finding: f });
      if (incidents.length > 0) stop('incident');
    }
    if (streak.tripped(check.needs)) stop('given-up');
  };
  for (let from = 0; from < cases.length && !stopped; from += window) {
    const batch: Promise<void>[] = [];
    for (let i = from; i < Math.min(cases.length, from + window); i++) batch.push(one(i));
    await Promise.all(batch);
  }
  return { failed, ran, failedCases, stopped };
}

/** Failing kinds shrunk per check, looking for distinct failures; the rest are counted. */
export const MAX_KINDS_SHRUNK = 30;

/** Cases tried shrinking a check's failures after its first (which is always shrunk in full). */
export const SHRINK_CASES = 1000;

/** What makes two failures the same: what they showed, in the same words. */
const signature = (f: FailureDetail) => `${f.code}\u0000${f.message}`;

/** Said of a failure the pass found that the replay one case at a time did not find again. */
const ORDER_DEPENDENT =
  " (found in the run's pass over all cases; not found again when this case was replayed alone: the codec's answer depends on what it was called with before)";

/**
 * Runs one check. Every kind of its input space is tried first, once each
 * (its first case at the run's seed, whatever --runs says), then `runs`
 * random cases drawn from all kinds by weight. A failing check goes on: each
 * failing kind is reported with its own counterexample, shrunk to the
 * smallest case of that kind that fails, and its own reproduce command.
 */
export async function runCheck(check: Check, ctx: CheckContext, p: CheckRunParams): Promise<CheckResult> {
  const started = performance.now();
  const streak = p.streak ?? new IncidentStreak();
  const numRuns = check.fixed ? 0 : p.runs;
  const { kinds, mixed, cases: casesAt } = p.drawn ? p.drawn.for(check, ctx) : drawn(check, ctx);
  const base = (runs: number) => ({ ...info(check), runs, durationMs: Math.round(performance.now() - started), gating: false });

  let incidentCases = 0;
  // Cases tried while shrinking, across the check's failures; past SHRINK_CASES a further
  // failure is reported as the pass found it (a slow codec is not shrunk for minutes).
  let shrinkCases = 0;
  let shrinking = false;
  const property = <T>(arb: fc.Arbitrary<T>, value: (t: T) => unknown) =>
    fc.asyncProperty(arb, async (input) => {
      if (shrinking && ++shrinkCases > SHRINK_CASES) return;
      // Past the budget (or once the codec answers nothing), shrinking stops at the case it has.
      if (incidentCases > INCIDENT_SHRINK_BUDGET || (incidentCases > 0 && streak.tripped(check.needs))) return;
      const incidents: Finding[] = [];
      const finding = await check.verify(value(input), { ...ctx, codec: watchIncidents(ctx.codec, incidents, streak) });
      if (incidents.length > 0) {
        // Hangs and crashes cost a restart each: they count against the shrinking budget.
        if (incidents.some(costsRestart)) incidentCases++;
        throw new FindingError(own(incidents, finding, check.sequential)!);
      }
      if (finding) throw new FindingError(finding);
    });
  const ofKind = (name: string) => {
    const k = kinds.find((x) => x.name === name);
    if (!k) {
      const some = kinds
        .slice(0, 8)
        .map((x) => x.name)
        .join(', ');
      throw new ConformanceError(
        'bad_option',
        `--kind ${JSON.stringify(name)}: ${check.id} has no such kind; expected one of its ${kinds.length} kinds (${some}${kinds.length > 8 ? ', …' : ''}; see conformance --list)`,
      );
    }
    return k;
  };
  /** A failure of `input`, of `kind`, at `path` (replayed with `--kind` when `fromKind`). */
  const failureOf = (
    finding: Finding | { code: 'internal_error'; message: string },
    input: unknown,
    path: string,
    kind: string,
    fromKind: boolean,
    shrinks: number,
  ): FailureDetail => {
    const saved = check.corpusCase?.(input, ctx);
    return {
      ...finding,
      kind,
      ...(fromKind ? { replayKind: kind } : {}),
      counterexample: check.show ? check.show(input) : input,
      seed: p.seed,
      path,
      shrinks,
      reproduce: p.reproduce(check.id, path, fromKind ? kind : undefined),
      ...(saved ? { corpusCase: saved } : {}),
    };
  };
  const detail = (d: fc.RunDetails<[any]>, input: unknown, path: string, kind: string, fromKind: boolean): FailureDetail | undefined => {
    if (!d.failed) return undefined;
    const error = d.errorInstance;
    const finding: Finding | { code: 'internal_error'; message: string } =
      error instanceof FindingError
        ? error.finding
        : {
            code: 'internal_error',
            message: `the check itself failed (a bug in the suite): ${error instanceof Error ? error.stack : String(error)}`,
          };
    return failureOf(finding, input, path, kind, fromKind, d.numShrinks);
  };
  const shrinkKind = async (name: string, path?: string) => {
    const d = await fc.check(
      property(ofKind(name).arbitrary, (v) => v),
      { seed: kindSeed(p.seed, name), numRuns: 1, ...(path ? { path, endOnFailure: true } : {}) },
    );
    return detail(d, d.counterexample?.[0], d.counterexamplePath ?? '', name, true);
  };
  const shrinkMixed = async (path: string, endOnFailure: boolean) => {
    const d = await fc.check(
      property(mixed, (t) => t.value),
      { seed: p.seed, numRuns: Math.max(numRuns, Number(path.split(':')[0]) + 1 || 1), path, endOnFailure },
    );
    const t = d.counterexample?.[0] as Tagged<unknown> | undefined;
    return detail(d, t?.value, d.counterexamplePath ?? '', t?.kind ?? '', false);
  };
  const ended = (runs: number, failures: FailureDetail[], table: KindResult[]): CheckResult => {
    const tried = table.filter((k) => k.cases > 0).length;
    const failedKinds = table.filter((k) => k.failed).length;
    const coverage = { kinds: table.length, tried, failed: failedKinds };
    if (failures.length === 0) return { ...base(runs), status: 'passed', coverage, kinds: table };
    return { ...base(runs), status: 'failed', gating: p.gating, failure: failures[0]!, failures, coverage, kinds: table };
  };

  if (p.path !== undefined) {
    // A replay: exactly the case the path names, not shrunk further.
    const f = p.kind !== undefined ? await shrinkKind(p.kind, p.path) : await shrinkMixed(p.path, true);
    const name = p.kind ?? f?.kind;
    const table = kinds.map((k): KindResult =>
      k.name === name ? { name: k.name, cases: 1, ...(f ? { failed: true } : {}) } : { name: k.name, cases: 0 },
    );
    return ended(1, f ? [f] : [], table);
  }

  const cases = await casesAt(p.seed, numRuns);
  const { failed, ran, failedCases, stopped } = await runCases(check, ctx, cases, streak);
  const table = kinds.map((k): KindResult => ({
    name: k.name,
    cases: ran.get(k.name) ?? 0,
    ...(failed.has(k.name) ? { failed: true } : {}),
  }));
  const runs = [...ran.values()].reduce((a, b) => a + b, 0);
  const order = new Map(kinds.map((k, i) => [k.name, i]));
  const rate = (f: Failed) => (failedCases.get(f.case.kind) ?? 0) / (ran.get(f.case.kind) ?? 1);
  // A hang or crash first (it is why the pass stopped, and what to fix first); then the kinds
  // every case of which failed, which are most likely the ones the fault is about; each group in
  // the order the check lists its kinds (the kinds it is about first).
  const always = (f: Failed) => Number(rate(f) === 1);
  const failing = [...failed.values()].sort(
    (a, b) =>
      Number(costsRestart(b.finding)) - Number(costsRestart(a.finding)) ||
      always(b) - always(a) ||
      order.get(a.case.kind)! - order.get(b.case.kind)!,
  );
  const distinct = new Map<string, FailureDetail>();
  let examined = 0;
  for (const f of failing) {
    if (distinct.size >= MAX_FAILURES_SHOWN || examined >= MAX_KINDS_SHRUNK) break;
    examined++;
    const asFound = (note = ''): FailureDetail =>
      failureOf(
        { ...f.finding, message: `${f.finding.message}${note}` },
        f.case.input,
        `${f.case.index}`,
        f.case.kind,
        f.case.source === 'kind',
        0,
      );
    // A hang or crash is reported as the pass found it: shrinking it would cost more hangs
    // (each a limit and a restart) for a counterexample barely smaller.
    const shrink = async () => {
      // The first failure is always shrunk; the others while the budget lasts (below it, the
      // case itself is always tried again: a pass then means the codec's answer changed).
      shrinking = distinct.size > 0;
      const d = f.case.source === 'kind' ? await shrinkKind(f.case.kind) : await shrinkMixed(`${f.case.index}`, false);
      return d ?? asFound(ORDER_DEPENDENT);
    };
    const found =
      stopped || costsRestart(f.finding) || streak.tripped(check.needs) || (distinct.size > 0 && shrinkCases >= SHRINK_CASES)
        ? asFound()
        : await shrink();
    // Kinds whose failures shrink to the same finding show one fault: it is reported once, with every kind it was seen in.
    const same = distinct.get(signature(found));
    if (same) same.seenIn = [...(same.seenIn ?? [same.kind!]), f.case.kind];
    else distinct.set(signature(found), found);
  }
  const failures = [...distinct.values()];
  return ended(runs, failures, table);
}
