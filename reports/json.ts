import { TOOL, type CheckResult, type DiffResult, type FailureDetail, type RunResult, type SessionResult } from '../runner/index.js';
import { referenceText } from '../spec/index.js';
import { exactText, jsonSafe } from './_internals/values.js';
import { writeAtomic } from './_internals/write-atomic.js';
import { shownFailures } from './_internals/kinds.js';
import { REPORT_FORMAT, REPORT_FORMAT_MINOR_VERSION, REPORT_FORMAT_VERSION, type Report } from './json-format.js';
import type { Reporter } from './reporter.js';

const shown = (v: unknown) => ({ value: jsonSafe(v), text: exactText(v) });

function failureOf(f: FailureDetail) {
  return {
    code: f.code,
    message: f.message,
    ...('expected' in f ? { expected: shown(f.expected) } : {}),
    ...('received' in f ? { received: shown(f.received) } : {}),
    counterexample: shown(f.counterexample),
    seed: f.seed,
    path: f.path,
    shrinks: f.shrinks,
    reproduce: f.reproduce,
    ...(f.kind !== undefined ? { kind: f.kind } : {}),
    ...(f.replayKind !== undefined ? { replayKind: f.replayKind } : {}),
    ...(f.seenIn !== undefined ? { seenIn: [...f.seenIn] } : {}),
  };
}

function checkOf(c: CheckResult): Report['adapters'][number]['checks'][number] {
  return {
    id: c.id,
    level: c.level,
    title: c.title,
    ref: referenceText(c.reference),
    reference: { ...c.reference },
    basis: c.basis,
    ...(c.accepts ? { accepts: c.accepts } : {}),
    status: c.status,
    gating: c.gating,
    runs: c.runs,
    durationMs: c.durationMs,
    ...(c.skipReason ? { skipReason: c.skipReason } : {}),
    ...(c.failure ? { failure: failureOf(c.failure) } : {}),
    ...(c.failures || c.failure ? { failures: shownFailures(c).map(failureOf) } : {}),
    ...(c.coverage ? { coverage: { kinds: c.coverage.kinds, tried: c.coverage.tried, failed: c.coverage.failed } } : {}),
    ...(c.kinds ? { kinds: c.kinds.map((k) => ({ name: k.name, cases: k.cases, ...(k.failed ? { failed: true } : {}) })) } : {}),
    ...(c.expected ? { expected: c.expected } : {}),
  };
}

function adapterOf(r: RunResult): Report['adapters'][number] {
  return {
    ...r.adapter,
    outcome: r.summary.gatingFailures > 0 ? 'failed' : 'passed',
    durationMs: r.durationMs,
    summary: r.summary,
    checks: r.checks.map(checkOf),
    warnings: r.warnings,
    isolation: r.isolation,
    restarts: r.restarts,
    ...(r.stderr !== undefined ? { stderr: r.stderr } : {}),
    ...(r.stdout !== undefined ? { stdout: r.stdout } : {}),
  };
}

function diffOf(d: DiffResult): NonNullable<Report['diff']> {
  return {
    ...d,
    informational: !d.gate,
    disagreements: d.disagreements.map((x) => ({
      ...x,
      input: shown(x.input),
      answers: x.answers.map(({ value, ...a }) => ({ ...a, ...(a.outcome === 'returned' ? { value: shown(value) } : {}) })),
    })),
  };
}

/** The JSON report of a session (see json-format.ts for the format). */
export function jsonReport(s: SessionResult): Report {
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    formatMinorVersion: REPORT_FORMAT_MINOR_VERSION,
    tool: s.tool,
    spec: s.spec,
    outcome: s.exitCode === 0 ? 'passed' : s.exitCode === 1 ? 'failed' : 'error',
    exitCode: s.exitCode,
    seed: s.seed,
    seedWasRandom: s.seedWasRandom,
    runs: s.runs,
    timeoutMs: s.timeoutMs,
    gatingLevels: [...s.gatingLevels],
    reasons: { values: [...s.reasons.values], extended: [...s.reasons.extended] },
    ...(s.expectedFailuresFile ? { expectedFailuresFile: s.expectedFailuresFile } : {}),
    startedAt: s.startedAt,
    durationMs: s.durationMs,
    adapters: s.results.map(adapterOf),
    errors: s.errors,
    ...(s.diff ? { diff: diffOf(s.diff) } : {}),
  };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How every JSON report of `format` this tool writes begins: its format, version (minor version since 1.2) and the tool's name. */
export const jsonReportHead = (format: string): RegExp =>
  new RegExp(
    `^\\{\\s*"format": "${escaped(format)}",\\s*"formatVersion": \\d+,(\\s*"formatMinorVersion": \\d+,)?\\s*"tool": \\{\\s*"name": "${escaped(TOOL.name)}"`,
  );

const JSON_HEAD = jsonReportHead(REPORT_FORMAT);

/** Whether `head`, the start of a file, is the start of a JSON report this tool wrote (`format` and `tool.name` say so). */
export const isJsonReport = (head: string): boolean => JSON_HEAD.test(head);

/** Writes the JSON report to `file` once, at the end. */
export function jsonReporter(file: string): Reporter {
  return {
    onSessionEnd(s) {
      writeAtomic(file, `${JSON.stringify(jsonReport(s), null, 2)}\n`);
    },
  };
}
