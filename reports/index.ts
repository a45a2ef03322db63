/** Reporters: turn run results into words. */
export * from './reporter.js';
export * from './console.js';
export * from './json.js';
export * from './json-format.js';
export * from './junit.js';
export * from './markdown.js';
export * from './html.js';
export * from './registry.js';
export * from './evidence/index.js';
export { formatValue } from './format-value.js';
