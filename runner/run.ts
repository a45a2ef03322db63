import type { AdapterSource, LoadedAdapter } from '../adapters/loader.js';
import { ConformanceError } from '../adapters/errors.js';
import { reasonList, SPEC_PAGE, type ReasonList } from '../spec/index.js';
import { REJECT_SUITE, type Check, type CheckContext, type Level } from '../suites/index.js';
import type { HostedAdapter } from './hosts/host.js';
import { startHost } from './hosts/start.js';
import { IncidentStreak } from './incidents.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_START_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { checkCounts, checkIntrinsics } from './intrinsics.js';
import { reproduceCommand } from './reproduce.js';
import { entriesFor, settleExpected, type ExpectedFailures } from './expected-failures.js';
import { summarize, type CheckResult, type RunResult } from './result.js';
import { boundCheckResult, boundRunResult } from './bound.js';
import { notRun, runCheck, skipped, type DrawnCases } from './run-check.js';
import { selectChecks } from './select.js';
import { isLoadedCorpus, readCorpusFolders, type CorpusOption, type LoadedCorpus } from './corpus.js';
import { kindsOf } from './kinds.js';
import { TOOL } from './version.js';

/** What to run. Only `adapter` is required. */
export interface RunOptions {
  /**
   * The adapter: where it is ({@link AdapterSource}, from `locateAdapter`:
   * the host it runs in imports it, this process never does under
   * isolation), or one already loaded in this process.
   */
  adapter: AdapterSource | LoadedAdapter;
  seed?: number;
  runs?: number;
  /** Globs of check ids; all checks when empty. */
  checks?: readonly string[];
  timeoutMs?: number;
  /** Milliseconds the adapter may take to start (load and setup), each time it starts. */
  startTimeoutMs?: number;
  /** The isolated codec's heap limit in MB. */
  memoryLimitMb?: number;
  /** Replays one failing case: fast-check's path, with exactly one check selected. */
  path?: string;
  /** With `path`: the kind the case is of (a reproduce command says it when the case is one of a kind's own). */
  kind?: string;
  reasons?: ReasonList;
  /** Levels whose failures fail the gate (`must` by default). */
  gatingLevels?: readonly Level[];
  suite?: readonly Check[];
  /**
   * Cases drawn by earlier runs, to draw each check's cases once across runs
   * of several codecs (`new DrawnCases()`; without one, every run draws its own
   * and keeps none past each check).
   */
  drawnCases?: DrawnCases;
  /** Run the codec in a worker thread (default: yes, for adapters loaded from a module or built in). */
  isolation?: boolean;
  /**
   * Corpus folders (README: Corpus) replayed before any generated case, after
   * the corpus this package ships; a string is a directory, named in reports as written.
   * Or a corpus already read ({@link readCorpusFolders}, with this run's reasons).
   */
  corpus?: readonly CorpusOption[] | LoadedCorpus;
  /** Replay the shipped corpus too (default: yes; for folders not yet read). */
  shippedCorpus?: boolean;
  /** Checks expected to fail, per adapter name, and the file they come from. */
  expectedFailures?: { entries: ExpectedFailures; file: string };
  /** The adapter has started and said what it is; no check has run yet. */
  onAdapterStart?(adapter: HostedAdapter & { specifier: string }): void | Promise<void>;
  onCheckStart?(check: Check, index: number, total: number): void;
  onCheckEnd?(result: CheckResult, index: number, total: number): void;
}

function skipReason(check: Check, ctx: CheckContext, has: (op: string) => boolean): string | undefined {
  if (!check.wires.includes(ctx.wire)) return `not applicable to the ${ctx.wire} wire`;
  const missing = check.needs.filter((op) => !has(op));
  if (missing.length > 0) return `the adapter has no ${missing.map((op) => `reject.${op}`).join(' or ')}`;
  if (check.corpus !== undefined && kindsOf(check, ctx).length === 0) return `the corpus holds no ${check.corpus} for the ${ctx.wire} wire`;
  return undefined;
}

/**
 * Runs the suite against one adapter and returns what it found as data.
 * Never prints and never exits; a run that cannot be made throws a
 * {@link ConformanceError}.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  const { specifier } = options.adapter;
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = options.runs ?? DEFAULT_RUNS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reasons = options.reasons ?? reasonList();
  const gating = new Set(options.gatingLevels ?? ['must']);
  const selected = selectChecks(options.suite ?? REJECT_SUITE, options.checks);
  if (options.kind !== undefined && options.path === undefined) {
    throw new ConformanceError(
      'bad_option',
      '--kind replays one case of one kind: expected --path with it (both are printed in reproduce commands)',
    );
  }
  if (options.path !== undefined && selected.length !== 1) {
    throw new ConformanceError(
      'bad_option',
      `--path replays one case of one check: expected --check to select exactly one check, it selects ${selected.length}`,
    );
  }
  // Every corpus file is held to its folder before the codec starts: a wrong one ends the run with exit 2.
  const { sources, corpus } = isLoadedCorpus(options.corpus)
    ? options.corpus
    : readCorpusFolders(options.corpus, reasons, { shipped: options.shippedCorpus !== false });
  const isolation = options.isolation ?? true;
  const { host, described } = await startHost(options.adapter, {
    timeoutMs,
    startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    memoryMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    isolation,
    reasons,
  });
  checkIntrinsics(specifier);
  const wire = described.wire;
  const has = (op: string) => (described.operations as readonly string[]).includes(op);
  const ctx: CheckContext = { wire, reasons, codec: host, corpus };
  const replaysCorpus = new Set(selected.filter((c) => c.corpus !== undefined).map((c) => c.id));
  const reproduce = (checkId: string, path: string, kind?: string) =>
    reproduceCommand({
      specifier,
      checkId,
      seed,
      path,
      ...(kind !== undefined ? { kind } : {}),
      ...(replaysCorpus.has(checkId) ? { corpus: sources.filter((c) => !c.shipped).map((c) => c.label) } : {}),
      ...(timeoutMs !== DEFAULT_TIMEOUT_MS ? { timeoutMs } : {}),
      extraReasons: reasons.extended,
      isolation,
    });
  await options.onAdapterStart?.({ ...described, specifier });

  const startedAt = new Date();
  const started = performance.now();
  const warnings: string[] = [];
  const streak = new IncidentStreak();
  const checks: CheckResult[] = [];
  const listed = new Map(
    options.expectedFailures ? entriesFor(options.expectedFailures.entries, described.name).map((e) => [e.check, e] as const) : [],
  );
  const settle = (r: CheckResult) => (listed.has(r.id) ? settleExpected(r, listed.get(r.id)!, options.expectedFailures!.file) : r);
  try {
    for (const [i, check] of selected.entries()) {
      options.onCheckStart?.(check, i, selected.length);
      host.currentCheck = check.id;
      const why = skipReason(check, ctx, has);
      const params = {
        seed,
        runs,
        gating: gating.has(check.level),
        reproduce,
        streak,
        ...(options.drawnCases ? { drawn: options.drawnCases } : {}),
        ...(options.path !== undefined ? { path: options.path } : {}),
        ...(options.kind !== undefined ? { kind: options.kind } : {}),
      };
      const dead = streak.tripped(check.needs);
      const result = boundCheckResult(
        settle(why ? skipped(check, why) : dead ? notRun(check, params, dead) : await runCheck(check, ctx, params)),
      );
      // Let the event loop turn, so what a codec left behind (an unhandled
      // rejection, a stray timer) surfaces before the check is reported.
      await new Promise((resolve) => setImmediate(resolve));
      checks.push(result);
      options.onCheckEnd?.(result, i, selected.length);
      if (host.fatal) break;
    }
  } finally {
    warnings.push(...(await host.stop()));
  }
  // A codec the run cannot go on with (its worker could not be stopped) leaves no result to judge: the run is an error.
  if (host.fatal) throw new ConformanceError('adapter_setup', `adapter ${specifier}: ${host.fatal}`);
  checkIntrinsics(specifier);
  checkCounts(
    selected.map((c) => c.id),
    checks,
  );
  let ran = false;
  for (const c of checks) ran ||= c.status !== 'skipped';
  if (!ran) {
    const why = [...new Set(checks.map((c) => c.skipReason ?? 'skipped'))].join('; ');
    throw new ConformanceError(
      'all_skipped',
      `adapter ${specifier}: every selected check was skipped (${why}): a run that tried nothing cannot pass; expected an adapter with the operations these checks need, or a --check that selects checks it can run`,
    );
  }
  const stdout = host.stdout?.join('') ?? '';
  return boundRunResult({
    tool: TOOL,
    spec: { page: SPEC_PAGE.title, version: SPEC_PAGE.version },
    adapter: { name: described.name, ...(described.version ? { version: described.version } : {}), wire, specifier },
    seed,
    runs,
    timeoutMs,
    reasons: { values: reasons.values, extended: reasons.extended },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    checks,
    summary: summarize(checks),
    isolation: host.isolation,
    restarts: host.restarts,
    ...(host.stderr.length > 0 ? { stderr: host.stderr.join('').slice(-4000) } : {}),
    ...(stdout.length > 0 ? { stdout: stdout.slice(-4000) } : {}),
    warnings,
  });
}

/** The exit code a result means (docs/contract.md): 1 when a gating check failed, else 0. */
export function exitCodeOf(result: RunResult): 0 | 1 {
  return result.summary.gatingFailures > 0 ? 1 : 0;
}
