/**
 * stanza-conformance: the programmatic API. Adapter authors need only the
 * contract types (`Adapter`, `CallReject`, …) and `defineAdapter`.
 */
export * from './adapters/contract.js';
export { importAdapter, loadAdapter, locateAdapter, type AdapterSource, type LoadedAdapter } from './adapters/loader.js';
export { ConformanceError, type ConformanceErrorCode } from './adapters/errors.js';
export { referenceXmlAdapter } from './adapters/reference/xml.js';
export { referenceNodeAdapter } from './adapters/reference/node.js';
export * from './spec/index.js';
export { REJECT_SUITE, LEVELS, type Check, type CheckInfo, type Level, type Finding, type FindingCode } from './suites/index.js';
export * from './runner/index.js';
/**
 * Evidence from captures: `analyzeEvidence(readCaptures(files))` reads
 * capture files (XML stanzas or JSON lines of nodes) and returns an
 * `EvidenceReport`, the data `conformance evidence` renders.
 */
export * from './runner/evidence/index.js';
export * from './reports/index.js';
