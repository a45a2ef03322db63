/** The runner: executes checks against an adapter and returns data. */
export * from './run.js';
export * from './result.js';
export * from './defaults.js';
export * from './reproduce.js';
export { selectChecks } from './select.js';
export { DrawnCases } from './run-check.js';
export { TOOL } from './version.js';
export * from './expected-failures.js';
export * from './session.js';
export { BOUNDS, boundCheckResult, boundFailure, boundRunResult, boundText } from './bound.js';
export * from './corpus.js';
export * from './save-failures.js';
export * from './diff/index.js';
