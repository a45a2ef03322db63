/** Reporters: turn run results into words. */
export * from './reporter.js';
export * from './console.js';
export { formatValue } from './format-value.js';
