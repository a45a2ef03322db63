import { locateAdapter, type AdapterSource } from '../adapters/loader.js';
import { ConformanceError } from '../adapters/errors.js';
import { SPEC_PAGE } from '../spec/index.js';
import { REJECT_SUITE, type Level } from '../suites/index.js';
import {
  applyExpectedFailures,
  BOUNDS,
  boundText,
  DrawnCases,
  expectedFailuresOf,
  run,
  runDiff,
  selectChecks,
  sessionExitCode,
  TOOL,
  type AdapterError,
  type DiffResult,
  type ExpectedFailures,
  type RunResult,
  type SessionResult,
} from '../runner/index.js';
import { createReporter, type Reporter } from '../reports/index.js';
import { readExpectedFailures, writeExpectedFailures } from './expected-failures-file.js';
import { clearReportPaths, removeReports } from './report-paths.js';
import { writtenReporters } from './written-reports.js';
import { readCorpusFolders } from '../runner/corpus.js';
import { saveFailures, type SavedFailures } from '../runner/save-failures.js';
import { visible } from '../reports/_internals/visible.js';
import type { Resolved } from './resolve-options.js';

/** Where the session writes for people. */
export interface SessionIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Saves the failing cases into `dir` (each held to the corpus rules before it is written). */
function saveInto(dir: string, results: RunResult[], o: Resolved): SavedFailures {
  try {
    return saveFailures(results, dir, o.reasons);
  } catch (e) {
    throw new ConformanceError('io_error', `--save-failures ${dir}: could not write: ${(e as Error).message}`);
  }
}

/** What --save-failures did, for people. */
function savedText(s: SavedFailures, o: Resolved): string {
  const flags = o.reasons.extended.map((r) => ` --extra-reason ${r}`).join('');
  const lines = [
    s.written.length + s.unchanged.length === 0
      ? `--save-failures: no failing case to save in ${s.dir}`
      : `--save-failures: ${s.written.length} file(s) written to ${s.dir}${s.unchanged.length ? `, ${s.unchanged.length} already there` : ''}; replay them with --corpus ${s.dir}${flags}`,
    ...s.written.map((f) => `  ${visible(f)}`),
    ...s.notSaved.map((n) => `  not saved: ${n.check}${n.kind !== undefined ? ` (${visible(n.kind)})` : ''}: ${n.why}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function each(reporters: readonly Reporter[], call: (r: Reporter) => unknown): Promise<void> {
  for (const r of reporters) await call(r);
}

/**
 * Runs the suite against every adapter (same seed and cases), settles expected
 * failures, and hands the matrix to every reporter. Returns the exit code.
 */
export async function runSession(o: Resolved, io: SessionIo): Promise<number> {
  if (o.adapters.length === 0) {
    throw new ConformanceError(
      'bad_option',
      'no adapter: expected --adapter ./your-adapter (or a built-in: reference, reference-node), or adapters in conformance.config.*; see --help',
    );
  }
  const selected = selectChecks(REJECT_SUITE, o.checks);
  // A report left from an earlier run must not outlive a run that fails before writing its own.
  clearReportPaths(o);
  const knownIds = REJECT_SUITE.map((c) => c.id);
  const file = o.expectedFailuresFile;
  const expected: ExpectedFailures = file ? readExpectedFailures(file, knownIds, { mayBeMissing: o.updateExpectedFailures }) : {};
  // Read once for every run; a corpus file that is not what its folder says ends the session before any codec starts.
  const corpus = readCorpusFolders(o.corpus, o.reasons);
  // Found, not imported: under isolation only the worker imports an adapter.
  const located: AdapterSource[] = o.adapters.map((a) => locateAdapter(a.specifier, { cwd: a.cwd }));
  const reporters = await Promise.all(o.reporters.map((spec) => createReporter(spec, { stream: io.stdout, env: io.env })));
  const gatingLevels: Level[] = o.strict ? ['must', 'should'] : ['must'];

  const started = performance.now();
  const startedAt = new Date().toISOString();
  let results: RunResult[] = [];
  const errors: AdapterError[] = [];
  const setupFailed = (adapter: AdapterSource, e: unknown) => {
    if (!(e instanceof ConformanceError) || e.code !== 'adapter_setup') throw e;
    errors.push({ specifier: adapter.specifier, message: boundText(e.message, BOUNDS.textChars) });
  };
  const ran: AdapterSource[] = [];
  // several codecs in one run are given the same cases: drawn once
  const drawnCases = located.length > 1 ? new DrawnCases() : undefined;
  for (const adapter of located) {
    try {
      const result = await run({
        adapter,
        ...(drawnCases ? { drawnCases } : {}),
        seed: o.seed,
        runs: o.runs,
        timeoutMs: o.timeoutMs,
        reasons: o.reasons,
        checks: o.checks,
        gatingLevels,
        isolation: o.isolation,
        startTimeoutMs: o.startTimeoutMs,
        memoryLimitMb: o.memoryLimitMb,
        corpus,
        onAdapterStart: (a) =>
          each(reporters, (r) =>
            r.onRunStart?.({
              tool: TOOL,
              seed: o.seed,
              seedWasRandom: o.seedWasRandom,
              runs: o.runs,
              checks: selected.length,
              extendedReasons: o.reasons.extended,
              adapter: { name: a.name, ...(a.version ? { version: a.version } : {}), wire: a.wire, specifier: adapter.specifier },
            }),
          ),
        ...(o.path !== undefined ? { path: o.path } : {}),
        ...(o.kind !== undefined ? { kind: o.kind } : {}),
        ...(file && !o.updateExpectedFailures ? { expectedFailures: { entries: expected, file } } : {}),
        onCheckStart: (c, i, n) => reporters.forEach((r) => r.onCheckStart?.(c, i, n)),
        onCheckEnd: (c, i, n) => reporters.forEach((r) => r.onCheckEnd?.(c, i, n)),
      });
      results.push(result);
      ran.push(adapter);
      await each(reporters, (r) => r.onRunEnd?.(result));
    } catch (e) {
      setupFailed(adapter, e);
    }
  }
  // The codecs compared with each other, after their own runs: those whose setup did not fail, when there are two or more.
  let diff: DiffResult | undefined;
  if (o.diff && ran.length >= 2) {
    try {
      diff = await runDiff({
        adapters: ran,
        seed: o.seed,
        runs: o.runs,
        timeoutMs: o.timeoutMs,
        startTimeoutMs: o.startTimeoutMs,
        memoryLimitMb: o.memoryLimitMb,
        reasons: o.reasons,
        isolation: o.isolation,
        gate: o.diffGate,
        corpus,
      });
    } catch (e) {
      setupFailed({ specifier: '--diff', cwd: '' }, e);
    }
  }
  if (file && o.updateExpectedFailures) {
    const updated = expectedFailuresOf(results, expected);
    writeExpectedFailures(file, updated);
    results = results.map((r) => applyExpectedFailures(r, updated, file));
  }
  const saved = o.saveFailures !== undefined ? saveInto(o.saveFailures, results, o) : undefined;
  const session: SessionResult = {
    tool: TOOL,
    spec: { page: SPEC_PAGE.title, version: SPEC_PAGE.version },
    seed: o.seed,
    seedWasRandom: o.seedWasRandom,
    runs: o.runs,
    timeoutMs: o.timeoutMs,
    gatingLevels,
    reasons: { values: o.reasons.values, extended: o.reasons.extended },
    ...(file ? { expectedFailuresFile: file } : {}),
    startedAt,
    durationMs: Math.round(performance.now() - started),
    results,
    errors,
    ...(diff ? { diff } : {}),
    exitCode: sessionExitCode(results, errors, diff),
  };
  // Until the process has ended with this session's code, a stray error may still make the run exit 2:
  // then these reports go with it (cli/main.ts).
  writtenReporters.splice(0, writtenReporters.length, ...o.reporters);
  for (const r of reporters) {
    try {
      await r.onSessionEnd?.(session);
    } catch (e) {
      // The run ends with exit 2: no report of it may stay behind reading as a pass.
      removeReports(o.reporters);
      throw new ConformanceError('io_error', `a reporter could not write its report: ${(e as Error).message}`);
    }
  }
  if (saved) io.stdout.write(savedText(saved, o));
  if (file && o.updateExpectedFailures)
    io.stdout.write(
      `wrote ${file}: ${Object.values(expectedFailuresOf(results)).flat().length} expected failure(s); with it, this run exits ${session.exitCode}\n`,
    );
  return session.exitCode;
}
