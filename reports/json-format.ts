import { z } from 'zod';
import { MAX_FAILURES_SHOWN } from '../runner/result.js';
import { DIFF_OPERATIONS, MAX_DISAGREEMENTS_SHOWN } from '../runner/diff/result.js';
import { REFERENCE_DOCS, REFERENCE_FILES, type ReferenceDoc } from '../spec/index.js';

/**
 * The JSON report's format, versioned: a consumer checks `format` and
 * `formatVersion`; a change that breaks a reader raises the version, a change
 * that only adds fields raises `formatMinorVersion` (a reader of 1.x reads
 * every later 1.y). The JSON Schema shipped in `schema/report.schema.json`
 * (npm run schema) is generated from this and is strict: it matches the
 * package version that wrote it.
 */
export const REPORT_FORMAT = 'stanza-conformance-report';
export const REPORT_FORMAT_VERSION = 1;
/**
 * 1.2 added, all optional: `kind`, `replayKind` and `seenIn` of a failure; `failures`, `coverage` and `kinds` of a check.
 * 1.3 added the optional `diff` (--diff). 1.4 added a check's `reference` (its `ref` as data).
 * Reports before 1.2 write no minor version.
 */
export const REPORT_FORMAT_MINOR_VERSION = 4;

const FORMAT_DESCRIPTION =
  `Format ${REPORT_FORMAT_VERSION}.${REPORT_FORMAT_MINOR_VERSION}. formatVersion changes only when a reader would break; formatMinorVersion when fields are added ` +
  '(a reader of 1.x reads every 1.y). 1.2 added, all optional: kind, replayKind and seenIn of a failure; failures, coverage and kinds of a check. ' +
  '1.3 added the optional diff: the codecs compared with each other (--diff). 1.4 added reference of a check: its ref as data.';

/** A value from a codec as JSON data (see jsonSafe) and exactly as text. */
const shownValue = z.object({
  value: z
    .unknown()
    .describe('the value as JSON data; undefined, BigInt, bytes and the like are tagged objects ($undefined, $bigint, $bytes, ...)'),
  text: z
    .string()
    .describe(
      'the value exactly, as one line of text, within the bounds every kept value has (README: Reports; a cut ends in …[truncated: N more chars])',
    ),
});

const failure = z.object({
  code: z
    .string()
    .describe(
      'stable snake_case code of what the case showed: mismatch, threw, accepted_invalid, not_well_formed, wrong_structure, wrong_output_type, timeout, not_an_error, vague_error, input_changed, internal_error',
    ),
  message: z.string(),
  expected: shownValue.optional(),
  received: shownValue.optional(),
  counterexample: shownValue.describe('the shrunk input that fails'),
  seed: z.number().int(),
  path: z.string().describe("fast-check's path to the counterexample; with the seed it replays exactly this case"),
  shrinks: z.number().int().nonnegative(),
  reproduce: z.string().describe('the one command that reproduces exactly this failure'),
  kind: z.string().optional().describe('the kind of input that failed, e.g. malformed-jid:from:device-leading-zero (since 1.2)'),
  seenIn: z
    .array(z.string())
    .optional()
    .describe("every kind whose failing case shrank to this same failure, this one's first, when there are more than one (since 1.2)"),
  replayKind: z
    .string()
    .optional()
    .describe(
      "the --kind that replays this failure with seed and path, when the case is one of the kind's own, tried before the random cases (since 1.2)",
    ),
});

const coverage = z.object({
  kinds: z.number().int().nonnegative().describe("kinds in the check's input space on this adapter's wire"),
  tried: z.number().int().nonnegative().describe('kinds that ran at least one case'),
  failed: z.number().int().nonnegative().describe('kinds with a failing case; may exceed failures.length, which is bounded'),
});

const kindResult = z.object({
  name: z.string(),
  cases: z.number().int().nonnegative().describe('cases of this kind that ran'),
  failed: z.boolean().optional().describe('true when a case of this kind failed'),
});

const docs = Object.values(REFERENCE_DOCS) as [ReferenceDoc, ...ReferenceDoc[]];

const reference = z.object({
  doc: z.enum(docs).describe(`the document: ${docs.map((d) => `${d} (read in ${REFERENCE_FILES[d]} of the package)`).join(', ')}`),
  section: z.string().describe("a heading of that document, as it reads; its anchor is the heading's GitHub-style slug"),
  point: z.string().optional().describe('what in the section the rule rests on'),
});

const check = z.object({
  id: z.string(),
  level: z.enum(['must', 'should', 'may']),
  title: z.string(),
  ref: z.string().describe('where the rule is, as text: "doc § section (point)", the reference written out'),
  reference: reference.describe('where the rule is, as data (since 1.4)'),
  basis: z.enum(['page', 'decision', 'contract', 'xml']),
  accepts: z.string().optional().describe('the readings of an open point that the check accepts'),
  status: z.enum(['passed', 'failed', 'skipped', 'expected-failure', 'stale-expected-failure']),
  gating: z.boolean().describe('whether this result fails the gate'),
  runs: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  skipReason: z.string().optional(),
  failure: failure.optional().describe('the first failure: the same as failures[0]'),
  failures: z
    .array(failure)
    .max(MAX_FAILURES_SHOWN)
    .optional()
    .describe(
      `each failing kind's failure, with its own counterexample and reproduce command, in the order the check lists its kinds (a hang or crash first), at most ${MAX_FAILURES_SHOWN} (since 1.2)`,
    ),
  coverage: coverage.optional().describe('how much of its input space the check tried; absent when it did not run (since 1.2)'),
  kinds: z.array(kindResult).optional().describe("every kind of the check's input space, with the cases it ran (since 1.2)"),
  expected: z.object({ file: z.string(), note: z.string().optional() }).optional().describe('the expected-failures entry met'),
});

const summary = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  expectedFailures: z.number().int(),
  staleExpectedFailures: z.number().int(),
  gatingFailures: z.number().int(),
});

const adapter = z.object({
  name: z.string(),
  version: z.string().optional(),
  wire: z.enum(['xml', 'node']),
  specifier: z.string().describe('as given to --adapter'),
  outcome: z.enum(['passed', 'failed']),
  durationMs: z.number().nonnegative(),
  summary,
  checks: z.array(check),
  warnings: z.array(z.string()),
  isolation: z.enum(['in-process', 'worker', 'subprocess']).describe('where the codec ran'),
  restarts: z
    .array(z.object({ check: z.string(), reason: z.string() }))
    .describe('each restart of the codec after a hang or crash: during which check, and why'),
  stderr: z.string().optional().describe('the tail of what the codec wrote to stderr'),
  stdout: z.string().optional().describe('the tail of what a module codec wrote to stdout (kept for the report, never a failure)'),
});

const operation = z.enum(DIFF_OPERATIONS as [string, ...string[]]);

const diffAnswer = z.object({
  adapter: z.string().describe("the adapter's label in diff.adapters"),
  outcome: z.enum(['returned', 'threw', 'timeout', 'crashed', 'unreadable']),
  stage: z.enum(['encode', 'decode']).optional().describe('roundtrip: the call that did not return'),
  value: shownValue.optional().describe('what it returned: the wire value (encode, reply) or the message (decode, roundtrip)'),
  meaning: z
    .record(z.string(), z.string())
    .optional()
    .describe('what was compared, by aspect (<call to>, unknown attributes, problems; or a message field), as a person reads it'),
  error: z.string().optional().describe('what it threw (never compared), or why it gave no answer'),
});

const disagreement = z.object({
  operation,
  kind: z.string().describe('the kind of the input shown'),
  input: shownValue.describe('the smallest input that showed this difference'),
  answers: z.array(diffAnswer).describe('one per adapter, in the order of diff.adapters'),
  aspects: z
    .array(z.string())
    .describe(
      'the aspects that differ: outcome, a page attribute (<call to>), unknown attributes, problems, or a message field (to (<call to>))',
    ),
  difference: z.string().describe('one line naming each aspect that differs and what each codec gives'),
  accepted: z
    .array(z.object({ check: z.string(), readings: z.string() }))
    .optional()
    .describe('where the difference lies in readings the suite accepts: each check that accepts them'),
  cases: z.number().int().positive().describe('cases that showed this same difference'),
  seenIn: z.array(z.string()).describe('the kinds they were drawn from, the shown one first (at most 20)'),
  kindsSeen: z.number().int().positive(),
});

const diffReport = z.object({
  adapters: z.array(
    z.object({
      label: z.string().describe('how answers name it: its name, with its specifier where two share a name'),
      name: z.string(),
      version: z.string().optional(),
      specifier: z.string(),
      wire: z.enum(['xml', 'node']),
      isolation: z.enum(['in-process', 'worker', 'subprocess']),
    }),
  ),
  seed: z.number().int(),
  runs: z.number().int().positive(),
  gate: z.boolean().describe('--diff-gate: a disagreement fails the run; else the findings are informational'),
  informational: z.boolean().describe('true when the findings do not fail the run (no --diff-gate)'),
  compared: z.array(
    z.object({
      operation,
      what: z.string().describe('what every codec was given and what was compared'),
      cases: z.number().int().nonnegative(),
      disagreeing: z.number().int().nonnegative().describe('cases on which the codecs disagreed'),
      distinct: z
        .number()
        .int()
        .nonnegative()
        .describe(`distinct disagreements; at most ${MAX_DISAGREEMENTS_SHOWN} of them are in disagreements`),
      notCompared: z
        .object({ cases: z.number().int().positive(), reason: z.string() })
        .optional()
        .describe("cases left uncompared because a codec's operation was given up on"),
    }),
  ),
  skipped: z.array(z.object({ operation, reason: z.string() })).describe('operations left out: a codec lacks the function'),
  disagreements: z
    .array(disagreement)
    .describe(`each distinct disagreement with its smallest input and every answer, at most ${MAX_DISAGREEMENTS_SHOWN} per operation`),
  total: z.number().int().nonnegative().describe('distinct disagreements in all, shown or not'),
  restarts: z.array(z.object({ adapter: z.string(), during: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  durationMs: z.number().nonnegative(),
});

/** The zod schema of a JSON report. */
export const reportSchema = z
  .object({
    format: z.literal(REPORT_FORMAT),
    formatVersion: z.literal(REPORT_FORMAT_VERSION),
    formatMinorVersion: z.literal(REPORT_FORMAT_MINOR_VERSION).describe('fields added within formatVersion (since 1.2; absent before)'),
    tool: z.object({ name: z.string(), version: z.string() }),
    spec: z.object({ page: z.string(), version: z.string() }),
    outcome: z.enum(['passed', 'failed', 'error']).describe('passed only when the exit code is 0'),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    seed: z.number().int(),
    seedWasRandom: z.boolean(),
    runs: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
    gatingLevels: z.array(z.enum(['must', 'should', 'may'])),
    reasons: z.object({
      values: z.array(z.string()),
      extended: z.array(z.string()).describe('values the user added to enum:terminate-reasons'),
    }),
    expectedFailuresFile: z.string().optional(),
    startedAt: z.string().describe('ISO 8601'),
    durationMs: z.number().nonnegative(),
    adapters: z.array(adapter).describe('one entry per --adapter, same seed: the matrix'),
    errors: z.array(z.object({ specifier: z.string(), message: z.string() })).describe('adapters that could not be run to the end'),
    diff: diffReport
      .optional()
      .describe(
        'with --diff: the same generated inputs through every codec, their answers compared by meaning; a disagreement fails the run (outcome failed, exit code 1) only with --diff-gate (since 1.3)',
      ),
  })
  .describe(FORMAT_DESCRIPTION);

/** A JSON report. */
export type Report = z.infer<typeof reportSchema>;

/** The JSON Schema of a JSON report (draft 2020-12). */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://stanza-conformance.dev/schema/report-v${REPORT_FORMAT_VERSION}.json`,
    title: 'stanza-conformance JSON report',
    ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
  };
}
