import type { LoadedAdapter } from '../adapters/loader.js';
import { ConformanceError } from '../adapters/errors.js';
import { reasonList, SPEC_PAGE, type ReasonList } from '../spec/index.js';
import { REJECT_SUITE, type Check, type CheckContext, type Level } from '../suites/index.js';
import { bounded, inProcessCaller } from './codec-caller.js';
import { DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { reproduceCommand } from './reproduce.js';
import { entriesFor, settleExpected, type ExpectedFailures } from './expected-failures.js';
import { summarize, type CheckResult, type RunResult } from './result.js';
import { runCheck, skipped } from './run-check.js';
import { selectChecks } from './select.js';
import { TOOL } from './version.js';

/** What to run. Only `adapter` is required. */
export interface RunOptions {
  adapter: LoadedAdapter;
  seed?: number;
  runs?: number;
  /** Globs of check ids; all checks when empty. */
  checks?: readonly string[];
  timeoutMs?: number;
  /** Replays one failing case: fast-check's path, with exactly one check selected. */
  path?: string;
  reasons?: ReasonList;
  /** Levels whose failures fail the gate (`must` by default). */
  gatingLevels?: readonly Level[];
  suite?: readonly Check[];
  /** Checks expected to fail, per adapter name, and the file they come from. */
  expectedFailures?: { entries: ExpectedFailures; file: string };
  onCheckStart?(check: Check, index: number, total: number): void;
  onCheckEnd?(result: CheckResult, index: number, total: number): void;
}

function skipReason(check: Check, ctx: CheckContext, has: (op: string) => boolean): string | undefined {
  if (!check.wires.includes(ctx.wire)) return `not applicable to the ${ctx.wire} wire`;
  const missing = check.needs.filter((op) => !has(op));
  return missing.length > 0 ? `the adapter has no ${missing.map((op) => `reject.${op}`).join(' or ')}` : undefined;
}

/**
 * Runs the suite against one adapter and returns what it found as data.
 * Never prints and never exits; a run that cannot be made throws a
 * {@link ConformanceError}.
 */
export async function run(options: RunOptions): Promise<RunResult> {
  const { adapter, specifier } = options.adapter;
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = options.runs ?? DEFAULT_RUNS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reasons = options.reasons ?? reasonList();
  const gating = new Set(options.gatingLevels ?? ['must']);
  const selected = selectChecks(options.suite ?? REJECT_SUITE, options.checks);
  if (options.path !== undefined && selected.length !== 1) {
    throw new ConformanceError('bad_option', `--path replays one case of one check: expected --check to select exactly one check, it selects ${selected.length}`);
  }
  const wire = adapter.wire ?? 'xml';
  const ctx: CheckContext = { wire, reasons, codec: inProcessCaller(adapter, timeoutMs) };
  const has = (op: string) => typeof (adapter.reject as Record<string, unknown>)[op] === 'function';
  const reproduce = (checkId: string, path: string) =>
    reproduceCommand({
      specifier, checkId, seed, path,
      ...(timeoutMs !== DEFAULT_TIMEOUT_MS ? { timeoutMs } : {}),
      extraReasons: reasons.extended,
    });

  const startedAt = new Date();
  const started = performance.now();
  const warnings: string[] = [];
  const teardown = async () => {
    if (!adapter.teardown) return;
    const out = await bounded(() => adapter.teardown!(), timeoutMs * 5);
    if (out.kind !== 'returned') warnings.push(`teardown ${out.kind === 'timeout' ? `did not finish within ${out.ms} ms` : `threw: ${String((out.error as Error)?.message ?? out.error)}`}`);
  };
  if (adapter.setup) {
    const out = await bounded(() => adapter.setup!(), timeoutMs * 5);
    if (out.kind !== 'returned') {
      await teardown();
      const why = out.kind === 'timeout' ? `did not finish within ${out.ms} ms` : `threw: ${String((out.error as Error)?.message ?? out.error)}`;
      throw new ConformanceError('adapter_setup', `adapter ${specifier}: setup ${why}`);
    }
  }
  const checks: CheckResult[] = [];
  const listed = new Map(
    options.expectedFailures ? entriesFor(options.expectedFailures.entries, adapter.name).map((e) => [e.check, e] as const) : [],
  );
  const settle = (r: CheckResult) => (listed.has(r.id) ? settleExpected(r, listed.get(r.id)!, options.expectedFailures!.file) : r);
  try {
    for (const [i, check] of selected.entries()) {
      options.onCheckStart?.(check, i, selected.length);
      const why = skipReason(check, ctx, has);
      const result = settle(why
        ? skipped(check, why)
        : await runCheck(check, ctx, { seed, runs, gating: gating.has(check.level), reproduce, ...(options.path !== undefined ? { path: options.path } : {}) }));
      // Let the event loop turn, so what a codec left behind (an unhandled
      // rejection, a stray timer) surfaces before the check is reported.
      await new Promise((resolve) => setImmediate(resolve));
      checks.push(result);
      options.onCheckEnd?.(result, i, selected.length);
    }
  } finally {
    await teardown();
  }
  return {
    tool: TOOL,
    spec: { page: SPEC_PAGE.title, version: SPEC_PAGE.version },
    adapter: { name: adapter.name, ...(adapter.version ? { version: adapter.version } : {}), wire, specifier },
    seed, runs, timeoutMs,
    reasons: { values: reasons.values, extended: reasons.extended },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    checks,
    summary: summarize(checks),
    warnings,
  };
}

/** The exit code a result means (CONTRACT.md): 1 when a gating check failed, else 0. */
export function exitCodeOf(result: RunResult): 0 | 1 {
  return result.summary.gatingFailures > 0 ? 1 : 0;
}
