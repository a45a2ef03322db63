import type { Check } from '../suites/index.js';

/** The --list table: id, level, wire forms, title; then where each rule comes from. */
export function listChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = checks.map((c) => `${c.id.padEnd(width)}  ${c.level.padEnd(6)}  ${c.wires.join('+').padEnd(8)}  ${c.title}`);
  return [`${'id'.padEnd(width)}  ${'level'.padEnd(6)}  ${'wires'.padEnd(8)}  title`, ...lines, '', `${checks.length} checks`].join('\n');
}
