import type { CheckResult, DiffResult, FailureDetail, RunResult, SessionResult } from '../runner/index.js';
import type { Report } from './json-format.js';

type ReportAdapter = Report['adapters'][number];
type ReportCheck = ReportAdapter['checks'][number];
type ReportFailure = NonNullable<ReportCheck['failure']>;

const only = (v: object, key: string) => {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === key;
};

/**
 * A value of the JSON report as the run had it: the tags jsonSafe gives what
 * JSON does not carry (undefined, a non-finite number, a BigInt, bytes)
 * taken back; the others (a cycle, a function, an Error) stay tagged.
 */
export function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (only(v, '$undefined') && v.$undefined === true) return undefined;
  if (only(v, '$number') && typeof v.$number === 'string') return Number(v.$number);
  if (only(v, '$bigint') && typeof v.$bigint === 'string' && /^-?\d+$/.test(v.$bigint)) return BigInt(v.$bigint);
  if (only(v, '$bytes') && typeof v.$bytes === 'string' && /^([0-9a-f]{2})*$/.test(v.$bytes))
    return new Uint8Array(Buffer.from(v.$bytes, 'hex'));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
}

function failureOf(f: ReportFailure): FailureDetail {
  return {
    code: f.code as FailureDetail['code'],
    message: f.message,
    ...(f.expected ? { expected: revive(f.expected.value) } : {}),
    ...(f.received ? { received: revive(f.received.value) } : {}),
    counterexample: revive(f.counterexample.value),
    seed: f.seed,
    path: f.path,
    shrinks: f.shrinks,
    reproduce: f.reproduce,
    ...(f.kind !== undefined ? { kind: f.kind } : {}),
    ...(f.replayKind !== undefined ? { replayKind: f.replayKind } : {}),
    ...(f.seenIn !== undefined ? { seenIn: [...f.seenIn] } : {}),
  };
}

function checkOf(c: ReportCheck): CheckResult {
  return {
    id: c.id,
    level: c.level,
    title: c.title,
    reference: { ...c.reference },
    basis: c.basis,
    ...(c.accepts !== undefined ? { accepts: c.accepts } : {}),
    status: c.status,
    gating: c.gating,
    runs: c.runs,
    durationMs: c.durationMs,
    ...(c.skipReason !== undefined ? { skipReason: c.skipReason } : {}),
    ...(c.failure ? { failure: failureOf(c.failure) } : {}),
    ...(c.failures ? { failures: c.failures.map(failureOf) } : {}),
    ...(c.coverage ? { coverage: { ...c.coverage } } : {}),
    ...(c.kinds ? { kinds: c.kinds.map((k) => ({ ...k })) } : {}),
    ...(c.expected ? { expected: { ...c.expected } } : {}),
  };
}

function runOf(r: Report, a: ReportAdapter): RunResult {
  return {
    tool: r.tool,
    spec: r.spec,
    adapter: { name: a.name, ...(a.version !== undefined ? { version: a.version } : {}), wire: a.wire, specifier: a.specifier },
    seed: r.seed,
    runs: r.runs,
    timeoutMs: r.timeoutMs,
    reasons: r.reasons,
    startedAt: r.startedAt,
    durationMs: a.durationMs,
    checks: a.checks.map(checkOf),
    summary: a.summary,
    warnings: a.warnings,
    isolation: a.isolation,
    restarts: a.restarts,
    ...(a.stderr !== undefined ? { stderr: a.stderr } : {}),
    ...(a.stdout !== undefined ? { stdout: a.stdout } : {}),
  };
}

function diffOf(d: NonNullable<Report['diff']>): DiffResult {
  const { informational: _, ...rest } = d;
  return {
    ...rest,
    compared: rest.compared as DiffResult['compared'],
    skipped: rest.skipped as DiffResult['skipped'],
    disagreements: d.disagreements.map((x) => ({
      ...x,
      operation: x.operation as DiffResult['disagreements'][number]['operation'],
      input: revive(x.input.value),
      answers: x.answers.map(({ value, ...a }) => ({ ...a, ...(value ? { value: revive(value.value) } : {}) })),
    })),
  };
}

/**
 * The session a JSON report was written from, as the reporters read it: what
 * the github reporter needs to annotate and summarise a run in a process
 * other than the one that ran it (the action's). Values come back as the
 * report keeps them (bounded, their JSON tags revived).
 */
export function sessionFromReport(r: Report): SessionResult {
  return {
    tool: r.tool,
    spec: r.spec,
    seed: r.seed,
    seedWasRandom: r.seedWasRandom,
    runs: r.runs,
    timeoutMs: r.timeoutMs,
    gatingLevels: r.gatingLevels,
    reasons: r.reasons,
    ...(r.expectedFailuresFile !== undefined ? { expectedFailuresFile: r.expectedFailuresFile } : {}),
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    results: r.adapters.map((a) => runOf(r, a)),
    errors: r.errors,
    ...(r.diff ? { diff: diffOf(r.diff) } : {}),
    exitCode: r.exitCode,
  };
}
