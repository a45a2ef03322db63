/**
 * stanza-conformance/vitest: the suite as a codec's own vitest tests. A
 * fixture project is run by vitest in a child process with the JSON reporter.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECT_SUITE } from '../suites/index.js';
import { ROOT, runProcess } from './helpers/cli.js';

const DIR = join(ROOT, 'test', 'fixtures', 'vitest-entry');
type Assertion = { title: string; fullName: string; status: string; failureMessages: string[] };
let results: { testResults: { name: string; assertionResults: Assertion[] }[] };

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'conformance-vitest-')), 'r.json');
  await runProcess(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(DIR, 'vitest.config.ts'),
      '--reporter=json',
      `--outputFile=${out}`,
    ],
    { cwd: DIR, env: { ...process.env, CI: 'true' } },
  );
  results = JSON.parse(readFileSync(out, 'utf8'));
}, 300_000);

const file = (name: string) => results.testResults.find((f) => f.name.endsWith(name))!.assertionResults;

describe('conformanceSuite()', () => {
  it('declares one test per check, which pass (or skip) on the reference codec', () => {
    const tests = file('reference.check.ts');
    expect(tests.map((t) => t.title)).toEqual(REJECT_SUITE.map((c) => `${c.id} (${c.level})`));
    expect(tests.filter((t) => t.status === 'failed')).toEqual([]);
    expect(tests.filter((t) => t.status === 'skipped').map((t) => t.title)).toEqual([
      'reject.decode.refuses.not-a-node (must)',
      'reject.hygiene.decode-input (must)',
    ]);
  });

  it("fails exactly the broken codec's checks, with each failing kind's reproduction details", () => {
    const tests = file('broken.check.ts');
    const failed = tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title)).toEqual(['reject.encode.call-id (must)', 'reject.encode.escaping (must)']);
    const message = failed[0]!.failureMessages.join('\n');
    expect(message).toMatch(/what happened: <reject call-id>: expected/);
    expect(message).toMatch(/seed: 20260, path: "[\d:]+"(, kind: \S+)?, shrunk \d+ times/);
    expect(message).toMatch(/failing kind 2 of \d+:/);
    expect(message).toMatch(/reproduce: npx conformance --adapter encode-trims-call-id --check reject\.encode\.call-id/);
  });
});
