/**
 * stanza-conformance: the programmatic API. Every name is listed here on
 * purpose (test/api.test.ts holds the list); the README's "What the package
 * exports" documents each group. Adapter authors need only the contract
 * types (`Adapter`, `CallReject`, …) and `defineAdapter`; the fast-check
 * arbitraries are `stanza-conformance/arbitraries`, the suite as vitest tests
 * `stanza-conformance/vitest`.
 */

// The adapter contract (docs/contract.md)
export {
  defineAdapter,
  type Adapter,
  type RejectCodec,
  type Operation,
  type Wire,
  type MaybePromise,
  type CallReject,
  type CallOffer,
  type ReplyOptions,
  type WireNode,
} from './adapters/contract.js';
export { locateAdapter, loadAdapter, type AdapterSource, type LoadedAdapter } from './adapters/loader.js';
export { ConformanceError, type ConformanceErrorCode } from './adapters/errors.js';
export { referenceXmlAdapter } from './adapters/reference/xml.js';
export { referenceNodeAdapter } from './adapters/reference/node.js';

// The spec model: the page's example, the reasons, the JID grammar, what a conforming message is
export { PAGE_EXAMPLE } from './spec/attributes.js';
export { TERMINATE_REASONS, reasonList, ReasonExtensionError, type ReasonList, type ReasonFact } from './spec/reasons.js';
export { type Provenance, type Confidence, type Basis } from './spec/facts.js';
export { parseJid, isJid, formatJid, type JidParts } from './spec/jid.js';
export { messageProblems, callRejectSchema, wireNodeSchema, type Problem } from './spec/schema.js';
export { type Reference, type ReferenceDoc } from './spec/references.js';

// The suite
export { REJECT_SUITE, LEVELS, type Check, type CheckInfo, type Level, type Finding, type FindingCode } from './suites/index.js';

// Running it: results as plain data
export { run, exitCodeOf, type RunOptions } from './runner/run.js';
export {
  type RunResult,
  type CheckResult,
  type CheckStatus,
  type FailureDetail,
  type KindResult,
  type Coverage,
  type RunSummary,
} from './runner/result.js';
export { sessionExitCode, type SessionResult, type AdapterError } from './runner/session.js';
export { type ExpectedFailures, type ExpectedEntry } from './runner/expected-failures.js';
export { type CorpusOption, type LoadedCorpus } from './runner/corpus.js';
export {
  runDiff,
  type DiffOptions,
  type DiffResult,
  type DiffAdapter,
  type DiffOperation,
  type ComparedOperation,
  type Disagreement,
  type DiffAnswer,
  type AnswerOutcome,
  type AcceptedReading,
} from './runner/diff/index.js';

// Reports: a session as text, and the JSON report's schema
export { jsonReport } from './reports/json.js';
export { reportSchema, type Report } from './reports/json-format.js';
export { junitXml } from './reports/junit.js';
export { markdownReport } from './reports/markdown.js';
export { htmlReport } from './reports/html.js';
export { type Reporter, type RunStart } from './reports/reporter.js';

// Evidence from captures: analyzeEvidence(readCaptures(files)) is the data `conformance evidence` renders
export { readCaptures, type CapturedStanza, type CaptureFormat } from './runner/evidence/read-captures.js';
export { analyzeEvidence, type EvidenceOptions } from './runner/evidence/analyze.js';
export {
  evidenceReportSchema,
  type EvidenceReport,
  type DecodeEvidence,
  type JidEvidence,
  type Locations,
  type Tally,
  type ValueCount,
} from './runner/evidence/format.js';
export { evidenceMarkdown } from './reports/evidence/markdown.js';
