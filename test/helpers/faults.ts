import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter, locateAdapter } from '../../adapters/loader.js';
import { DrawnCases, run } from '../../runner/index.js';
import { FAULT_TABLE, TABLE_RUNS, type FaultCase } from '../fixtures/fault-table.js';
import { replacedOperations } from '../fixtures/faults/_fault.js';
import { REJECT_SUITE } from '../../suites/index.js';

export const FAULTS_DIR = join(import.meta.dirname, '..', 'fixtures', 'faults');

/** Every fixture of a test file is given the same cases: drawn once. */
const DRAWN = new DrawnCases();

/**
 * The failed check ids of one fixture run through the suite. A fixture that
 * replaces some of the reference's operations ({@link replacedOperations})
 * runs only the checks that call one of them: every other check calls only
 * the reference's own functions, which pass it (test/suites/fault-table.test.ts
 * proves both: each check calls only what its `needs` name, and the
 * reference without any one operation passes every check that does not need it).
 */
export async function failedChecks(fixture: string, runs = TABLE_RUNS, isolation = false): Promise<string[]> {
  const file = join(FAULTS_DIR, `${fixture}.ts`);
  const replaced = replacedOperations(((await import(pathToFileURL(file).href)) as { default: unknown }).default);
  const suite = replaced && replaced.length > 0 ? REJECT_SUITE.filter((c) => c.needs.some((op) => replaced.includes(op))) : undefined;
  const adapter = isolation ? locateAdapter(file) : await loadAdapter(file);
  const result = await run({ adapter, runs, isolation, drawnCases: DRAWN, ...(suite ? { suite } : {}) });
  return result.checks.filter((c) => c.status === 'failed').map((c) => c.id);
}

/**
 * The failed checks a row is held to, sorted. The sequence checks draw
 * their inputs from every kind at random, so whether a random sequence meets
 * a fault within TABLE_RUNS is chance, and changes with every kind a table
 * gains: a sequence check is held only where the row's `catches` names it
 * (failing elsewhere, it fails for the row's own fault). So is a check the
 * row says fails by chance (`byChance`).
 */
export function comparable(c: FaultCase, failed: readonly string[]): string[] {
  return failed.filter((id) => (!id.startsWith(SEQUENCE) || c.catches.includes(id)) && !c.byChance?.includes(id)).sort();
}

const SEQUENCE = 'reject.sequence.';

/**
 * For each fixture of the table that `select` picks: loaded through the real
 * loader and run through the whole suite, it fails the checks written for its
 * fault, and nothing the table does not say the same fault shows up in.
 */
export function describeFaults(title: string, select: (c: FaultCase, index: number) => boolean, isolation = false): void {
  describe(title, () => {
    for (const c of FAULT_TABLE.filter(select)) {
      it(`${c.fixture} is caught by ${c.catches.join(', ')}`, async () => {
        const failed = await failedChecks(c.fixture, TABLE_RUNS, isolation);
        for (const id of c.catches) expect(failed, `${id} should fail on ${c.fixture}`).toContain(id);
        expect(comparable(c, failed)).toEqual([...c.catches, ...(c.alsoFails ?? [])].sort());
      });
    }
  });
}
