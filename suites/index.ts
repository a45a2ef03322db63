/** The suites: every conformance check, as data the runner executes. */
export * from './check.js';
export { REJECT_SUITE } from './reject/index.js';
export { namesCulprit } from './_internals/error-quality.js';
// What the runner judges with the checks' own rules: the corpus loader and --diff compare messages, incidents are findings.
export { compareMessages, mayRefuse, normalMessage } from './_internals/compare.js';
export { incidentFinding, timeoutWords } from './_internals/outcome.js';
export * from './corpus.js';
