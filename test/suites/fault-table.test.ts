import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/contract.js';
import { loadAdapter } from '../../adapters/loader.js';
import { run } from '../../runner/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import { FAULT_TABLE } from '../fixtures/fault-table.js';
import { FAULTS_DIR } from '../helpers/faults.js';

const files = readdirSync(FAULTS_DIR)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));

describe('the fault table', () => {
  it('proves every check on every wire it runs on: a fixture of that wire catches it', async () => {
    // imported here, not through the loader (which loads each fixture afresh with tsx, 0.2 s apiece): the same default export
    const wireOf = new Map(
      await Promise.all(
        FAULT_TABLE.map(
          async (c) =>
            [c.fixture, ((await import(join(FAULTS_DIR, `${c.fixture}.ts`))) as { default: Adapter }).default.wire ?? 'xml'] as const,
        ),
      ),
    );
    // a node fixture says so in its name: node-decode-..., node-encode-trims-call-id
    expect([...wireOf].filter(([f, wire]) => f.startsWith('node-') !== (wire === 'node'))).toEqual([]);
    const caught = new Set(FAULT_TABLE.flatMap((c) => c.catches.map((id) => `${id} on ${wireOf.get(c.fixture)}`)));
    expect(REJECT_SUITE.filter((c) => c.wires.length === 0).map((c) => c.id)).toEqual([]);
    expect(REJECT_SUITE.flatMap((c) => c.wires.map((w) => `${c.id} on ${w}`)).filter((pair) => !caught.has(pair))).toEqual([]);
  });

  it('uses every fixture file, once, and only checks that exist', () => {
    const named = FAULT_TABLE.map((c) => c.fixture);
    expect([...named].sort()).toEqual([...files].sort());
    const ids = new Set(REJECT_SUITE.map((c) => c.id));
    expect(FAULT_TABLE.flatMap((c) => [...c.catches, ...(c.alsoFails ?? [])]).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has each fixture say its one fault in a comment and carry its own name', () => {
    for (const f of files) {
      const text = readFileSync(join(FAULTS_DIR, `${f}.ts`), 'utf8');
      expect(text, f).toMatch(/^\/\/ Fault fixture: \S/);
      expect(text, f).toContain(`'${f}'`);
    }
  });
});

describe('the reference codecs', () => {
  for (const name of ['reference', 'reference-node']) {
    it(`${name} passes every check it can run`, async () => {
      const result = await run({ adapter: await loadAdapter(name) });
      expect(result.checks.filter((c) => c.status === 'failed').map((c) => [c.id, c.failure?.message])).toEqual([]);
      const skips = result.checks.filter((c) => c.status === 'skipped');
      expect(skips.map((c) => c.skipReason).filter((r) => !r?.startsWith('not applicable to the'))).toEqual([]);
      expect(result.summary.passed + skips.length).toBe(REJECT_SUITE.length);
    });
  }

  it('codec-knows-only-declined-and-busy (the subset reading) passes every must check', async () => {
    const result = await run({ adapter: await loadAdapter(join(FAULTS_DIR, 'codec-knows-only-declined-and-busy.ts')) });
    expect(result.checks.filter((c) => c.status === 'failed' && c.level === 'must').map((c) => c.id)).toEqual([]);
    expect(result.summary.gatingFailures).toBe(0);
  });
});
