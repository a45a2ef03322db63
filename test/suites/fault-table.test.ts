import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type Adapter, type Operation } from '../../adapters/contract.js';
import { loadAdapter } from '../../adapters/loader.js';
import { run } from '../../runner/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import { FAULT_TABLE, TABLE_RUNS } from '../fixtures/fault-table.js';
import { replacedOperations } from '../fixtures/faults/_fault.js';
import { FAULTS_DIR, failedChecks } from '../helpers/faults.js';

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
    expect(FAULT_TABLE.flatMap((c) => [...c.catches, ...(c.alsoFails ?? []), ...(c.byChance ?? [])]).filter((id) => !ids.has(id))).toEqual(
      [],
    );
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

// The fault table runs a fixture built from the reference only through the checks that call an
// operation it replaces (test/helpers/faults.ts): these tests are why the others cannot fail on it.
describe('a fault fixture runs only the checks that call what it replaces', () => {
  for (const name of ['reference', 'reference-node']) {
    it(`${name}: each check calls only the operations its needs name, and passes at the table's runs`, async () => {
      const { specifier, adapter } = await loadAdapter(name);
      let current = '';
      const called = new Map<string, Set<Operation>>();
      const reject = Object.fromEntries(
        OPERATIONS.map((op) => {
          const own = adapter.reject[op] as (...a: unknown[]) => unknown;
          return [
            op,
            (...a: unknown[]) => {
              called.set(current, (called.get(current) ?? new Set()).add(op));
              return own(...a);
            },
          ];
        }),
      );
      const result = await run({
        adapter: { specifier, adapter: { ...adapter, reject } as Adapter },
        runs: TABLE_RUNS,
        isolation: false,
        onCheckStart: (check) => void (current = check.id),
      });
      expect(result.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
      const beyond = REJECT_SUITE.flatMap((c) =>
        [...(called.get(c.id) ?? [])].filter((op) => !c.needs.includes(op)).map((op) => `${c.id} calls ${op}`),
      );
      expect(beyond).toEqual([]);
      // the recording sees calls: every check that ran called something
      const ran = result.checks.filter((c) => c.status === 'passed').map((c) => c.id);
      expect(ran.filter((id) => !called.has(id))).toEqual([]);
    });
  }

  it('knows which operations a fixture replaces, and runs it through the checks that need one of them', async () => {
    const of = async (f: string) => replacedOperations(((await import(join(FAULTS_DIR, `${f}.ts`))) as { default: unknown }).default);
    expect(await of('reply-normalizes-call-id-to-nfc')).toEqual(['reply']);
    expect(await of('node-encode-adds-tctoken-inside-reject')).toEqual(['encode']);
    expect(await of('decode-caches-by-call-id')).toEqual(['decode']);
    // the whole suite still sees a fault of the one operation: a reply check fails, no decode check is run
    expect(await failedChecks('reply-normalizes-call-id-to-nfc')).toEqual(['reject.reply.call-id']);
  });
});
