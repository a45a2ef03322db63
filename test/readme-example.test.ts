/**
 * The README's adapter example, run as written: its TypeScript block is
 * saved next to a stand-in for "./src/call-reject.js" (the reference codec)
 * and loaded the way a user's adapter is, importing 'stanza-conformance'.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../adapters/loader.js';
import { run } from '../runner/index.js';

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
