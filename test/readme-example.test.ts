/**
 * The README's examples, run as written. The adapter example: its TypeScript
 * block is saved next to a stand-in for "./src/call-reject.js" (the reference
 * codec) and loaded the way a user's adapter is, importing
 * 'stanza-conformance'. The arbitraries example: below.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../adapters/loader.js';
import { run } from '../runner/index.js';
import { runProcess } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'test-artifacts', 'readme-example');

describe("the README's adapter example", () => {
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it('loads as written and passes every check on a correct codec', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readme.match(/```ts\n(\/\/ conformance-adapter\.ts\n[\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    expect(example!.split('\n').length).toBeLessThanOrEqual(26);
    mkdirSync(join(DIR, 'src'), { recursive: true });
    writeFileSync(join(DIR, 'conformance-adapter.ts'), example!);
    writeFileSync(
      join(DIR, 'src', 'call-reject.ts'),
      `import { referenceXmlAdapter } from 'stanza-conformance';
const codec = referenceXmlAdapter().reject;
export const buildRejectStanza = (m: never) => codec.encode!(m) as string;
export const parseRejectStanza = (x: string) => codec.decode!(x);
`,
    );
    const loaded = await loadAdapter('./conformance-adapter.ts', { cwd: DIR });
    expect(loaded.adapter.name).toBe('my-codec');
    const result = await run({ adapter: loaded });
    expect(result.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
    expect(result.summary.passed).toBeGreaterThan(50);
  });
});

/**
 * The README's "Using the arbitraries" example, run as a user runs it: saved
 * as written beside three stand-ins for "./src/call-reject.js" and run by
 * vitest in a child process, importing 'stanza-conformance/arbitraries' (the
 * built entry). The reference codec passes every property; each broken codec
 * fails the properties its fault is about, and only those.
 */
describe("the README's arbitraries example", () => {
  const ARB = join(ROOT, 'test-artifacts', 'readme-arbitraries');
  afterAll(() => rmSync(ARB, { recursive: true, force: true }));

  /** The stand-ins: the reference codec, as is and with faults. */
  const CODECS: Record<string, string> = {
    correct: `export const buildRejectStanza = (m: CallReject) => codec.encode!(m) as string;
export const parseRejectStanza = (x: string) => codec.decode!(x);`,
    // writes the page's example instead of refusing, and reads call-ids trimmed
    'lenient-encode-trimming-decode': `export const buildRejectStanza = (m: CallReject) => {
  try { return codec.encode!(m) as string; } catch { return codec.encode!(PAGE_EXAMPLE.message) as string; }
};
export const parseRejectStanza = (x: string) => { const m = codec.decode!(x) as CallReject; return { ...m, callId: m.callId.trim() || m.callId }; };`,
    // reads what it cannot read as the page's example
    'decode-never-throws': `export const buildRejectStanza = (m: CallReject) => codec.encode!(m) as string;
export const parseRejectStanza = (x: string) => { try { return codec.decode!(x); } catch { return { ...PAGE_EXAMPLE.message }; } };`,
  };
  const EXPECTED_FAILURES: Record<string, string[]> = {
    correct: [],
    'lenient-encode-trimming-decode': [
      'reads back every valid message it writes',
      'reads every way XML can write a message as that message',
      'refuses to write a message that cannot be a conforming stanza',
    ],
    'decode-never-throws': ['refuses to read a stanza that does not conform'],
  };

  it('passes on a correct codec, and each property fails a codec with its fault', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readme.match(/```ts\n(\/\/ call-reject\.property\.test\.ts\n[\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    expect(example).toContain("from 'stanza-conformance/arbitraries'");
    for (const [name, body] of Object.entries(CODECS)) {
      mkdirSync(join(ARB, name, 'src'), { recursive: true });
      writeFileSync(join(ARB, name, 'call-reject.property.test.ts'), example!);
      writeFileSync(
        join(ARB, name, 'src', 'call-reject.ts'),
        `import { PAGE_EXAMPLE, referenceXmlAdapter, type CallReject } from 'stanza-conformance';
const codec = referenceXmlAdapter().reject;
${body}
`,
      );
    }
    writeFileSync(
      join(ARB, 'vitest.config.ts'),
      `import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['*/call-reject.property.test.ts'], root: import.meta.dirname, testTimeout: 60_000 } });
`,
    );
    const out = join(ARB, 'results.json');
    const r = await runProcess(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        join(ARB, 'vitest.config.ts'),
        '--reporter=json',
        `--outputFile=${out}`,
      ],
      { cwd: ARB, env: { ...process.env, CI: 'true' } },
    );
    expect(r.code, r.stderr).toBe(1);
    type Assertion = { title: string; status: string; failureMessages: string[] };
    const results = JSON.parse(readFileSync(out, 'utf8')) as { testResults: { name: string; assertionResults: Assertion[] }[] };
    for (const [name, failing] of Object.entries(EXPECTED_FAILURES)) {
      const tests = results.testResults.find((f) => f.name.includes(`/${name}/`))!.assertionResults;
      expect(tests, name).toHaveLength(4);
      expect(
        tests.filter((t) => t.status === 'failed').map((t) => t.title),
        name,
      ).toEqual(failing);
      expect(
        tests.filter((t) => t.status !== 'failed').every((t) => t.status === 'passed'),
        name,
      ).toBe(true);
      for (const t of tests.filter((x) => x.status === 'failed'))
        expect(t.failureMessages.join('\n'), t.title).toMatch(/Property failed after \d+ tests[\s\S]*Counterexample:/);
    }
  }, 300_000);
});
