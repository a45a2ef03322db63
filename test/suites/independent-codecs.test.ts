/**
 * No false alarms: codecs written independently of the reference, each
 * taking different readings where the spec is open, pass every check.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { run } from '../../runner/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'independent');

describe('independently written correct codecs', () => {
  for (const name of ['hand-written-xml', 'class-based-node']) {
    for (const seed of [20260, 977]) {
      it(`${name} passes every check it can run (seed ${seed}, 300 runs)`, async () => {
        const result = await run({ adapter: await loadAdapter(join(DIR, `${name}.ts`)), seed, runs: 300 });
        expect(
          result.checks.filter((c) => c.status === 'failed').map((c) => [c.id, c.failure?.message, c.failure?.counterexample]),
        ).toEqual([]);
        expect(result.checks.filter((c) => c.status === 'skipped').every((c) => c.skipReason?.startsWith('not applicable'))).toBe(true);
      });
    }
  }
});
