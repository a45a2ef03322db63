/** The suites: every conformance check, as data the runner executes. */
export * from './check.js';
export { REJECT_SUITE } from './reject/index.js';
export { namesCulprit } from './_internals/error-quality.js';
export * from './corpus.js';
