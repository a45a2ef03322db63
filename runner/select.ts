import picomatch from 'picomatch';
import { ConformanceError } from '../adapters/errors.js';
import type { Check } from '../suites/index.js';

/** The checks whose id matches one of `patterns` (globs, or exact ids); all of them when there are none. */
export function selectChecks(suite: readonly Check[], patterns: readonly string[] = []): Check[] {
  if (patterns.length === 0) return [...suite];
  const matchers = patterns.map((p) => picomatch(p, { dot: true }));
  const selected = suite.filter((c) => matchers.some((m) => m(c.id)));
  if (selected.length === 0) {
    throw new ConformanceError(
      'no_checks',
      `--check ${patterns.join(', ')} selects no check: expected a glob matching ids such as ${suite[0]?.id ?? 'reject.*'} (see --list)`,
    );
  }
  return selected;
}
