/** The differential mode: the same inputs through several codecs, their answers compared by meaning. */
export * from './result.js';
export { runDiff, type DiffOptions } from './run-diff.js';
