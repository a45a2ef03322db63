/**
 * The package as users get it: packed with npm pack, installed from the
 * tarball into an empty project, a TypeScript adapter written there and run
 * with npx, no build step.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { slug } from 'github-slugger';
import { beforeAll, describe, expect, it } from 'vitest';
import { REJECT_SUITE } from '../suites/index.js';
import { ROOT, runProcess } from './helpers/cli.js';

const project = mkdtempSync(join(tmpdir(), 'conformance-user-'));

const sh = (cmd: string, args: string[], cwd: string) => runProcess(cmd, args, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });

beforeAll(async () => {
  const packs = mkdtempSync(join(tmpdir(), 'conformance-pack-'));
  const packed = await sh('npm', ['pack', '--ignore-scripts', '--pack-destination', packs], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(
    packs,
    readdirSync(packs).find((f) => f.endsWith('.tgz'))!,
  );
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-codec', version: '1.0.0', private: true, type: 'module' }));
  const installed = await sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], project);
  expect(installed.code, installed.stderr).toBe(0);
  writeFileSync(
    join(project, 'mine.ts'),
    `import { defineAdapter, referenceXmlAdapter, type CallReject } from 'stanza-conformance';

const codec = referenceXmlAdapter().reject;

export default defineAdapter({
  name: 'mine',
  reject: {
    encode: (m: CallReject) => codec.encode!(m) as string,
    decode: (xml: string) => codec.decode!(xml),
  },
});
`,
  );
  writeFileSync(
    join(project, 'broken.ts'),
    `import { defineAdapter, referenceXmlAdapter, type CallReject } from 'stanza-conformance';

const codec = referenceXmlAdapter().reject;

export default defineAdapter({
  name: 'broken',
  reject: { encode: (m: CallReject) => codec.encode!({ ...m, callId: m.callId.trim() || m.callId }) as string },
});
`,
  );
}, 300_000);

describe('the packed package, installed in an empty project', () => {
  it('ships the CLI, the types, the JSON Schema, the vitest and arbitraries entries, and no tests', async () => {
    const files = await sh('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT);
    const paths = (JSON.parse(files.stdout)[0].files as { path: string }[]).map((f) => f.path);
    for (const p of [
      'dist/cli/main.js',
      'dist/index.d.ts',
      'dist/vitest-entry/index.js',
      'dist/arbitraries/public.js',
      'dist/arbitraries/public.d.ts',
      'dist/runner/hosts/worker-main.js',
      'schema/report.schema.json',
      'expected-failures/baileys.yaml',
      'README.md',
    ])
      expect(paths).toContain(p);
    expect(paths.filter((p) => p.startsWith('test/') || p.startsWith('dist/test/') || p === 'dist/.sources-hash')).toEqual([]);
  });

  it('runs a TypeScript adapter with npx, no build step: exit 0 for a correct codec', async () => {
    const r = await sh('npx', ['--no-install', 'conformance', '--adapter', './mine'], project);
    expect(r.code, r.stderr).toBe(0);
    // an XML codec with encode and decode passes every check that needs no more, and skips the rest
    const runnable = REJECT_SUITE.filter((c) => c.wires.includes('xml') && c.needs.every((n) => n === 'encode' || n === 'decode')).length;
    expect(r.stdout).toContain(`mine: ${runnable} passed, 0 failed, ${REJECT_SUITE.length - runnable} skipped`);
  });

  it('exit 1 for a broken one', async () => {
    const r = await sh('npx', ['--no-install', 'conformance', '--adapter', './broken.ts', '--check', 'reject.encode.*'], project);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ reject\.encode\.call-id \(must, gating\)/);
  });

  it('its HTML and Markdown reports link each rule to its heading in the docs the package installed', async () => {
    const r = await sh(
      'npx',
      [
        '--no-install',
        'conformance',
        '--adapter',
        './broken.ts',
        '--check',
        'reject.encode.*',
        '--reporter',
        'html:conformance-report/r.html',
        '--reporter',
        'markdown:conformance-report/r.md',
      ],
      project,
    );
    expect(r.code, r.stderr).toBe(1);
    const docs = join(project, 'node_modules', 'stanza-conformance', 'docs');
    for (const [name, link] of [
      ['r.md', /\]\(([^)#]+)#([\w-]+)\)/g],
      ['r.html', /<a class="rule" href="([^"#]+)#([\w-]+)">/g],
    ] as const) {
      const links = [...readFileSync(join(project, 'conformance-report', name), 'utf8').matchAll(link)];
      expect(links.length, name).toBeGreaterThan(0);
      for (const [, href, anchor] of links) {
        const target = resolve(project, 'conformance-report', decodeURIComponent(href!));
        expect(target.startsWith(`${docs}/`) && existsSync(target), `${name}: ${href}`).toBe(true);
        const headings = readFileSync(target, 'utf8')
          .split('\n')
          .filter((l) => /^#{1,6} /.test(l))
          .map((l) => slug(l.replace(/^#+ /, '').replace(/`/g, '')));
        expect(headings, `${name}: ${href}#${anchor}`).toContain(anchor);
      }
    }
  });

  it('exports the programmatic API and the JSON Schema', async () => {
    writeFileSync(
      join(project, 'api.mjs'),
      `import { run, loadAdapter } from 'stanza-conformance';
import { createRequire } from 'node:module';
const schema = createRequire(import.meta.url)('stanza-conformance/schema/report.schema.json');
const r = await run({ adapter: await loadAdapter('reference'), checks: ['reject.encode.from'], runs: 5 });
console.log(JSON.stringify({ status: r.checks[0].status, schema: schema.title }));
`,
    );
    const r = await sh(process.execPath, ['api.mjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'passed', schema: 'stanza-conformance JSON report' });
  });

  it("exports the arbitraries, made with the project's own fast-check (a peer dependency, installed once), for the user's own properties", async () => {
    writeFileSync(
      join(project, 'props.mjs'),
      `import fc from 'fast-check';
import { createRequire } from 'node:module';
import { invalidXmlStanzas, messages } from 'stanza-conformance/arbitraries';
import { referenceXmlAdapter } from 'stanza-conformance';
const codec = referenceXmlAdapter().reject;
const fields = (m) => JSON.stringify(['from', 'to', 'id', 'callId', 'callCreator', 'reason'].map((k) => m[k]));
fc.assert(fc.property(messages(), (m) => fields(codec.decode(codec.encode(m))) === fields(m)), { numRuns: 50 });
let accepted = 0;
fc.assert(fc.property(invalidXmlStanzas(), (bad) => { try { codec.decode(bad.xml); accepted++; } catch {} }), { numRuns: 50 });
const require = createRequire(import.meta.url);
const ownFastCheck = createRequire(require.resolve('stanza-conformance')).resolve('fast-check');
console.log(JSON.stringify({ accepted, sameInstance: messages() instanceof fc.Arbitrary, oneCopy: ownFastCheck === require.resolve('fast-check') }));
`,
    );
    const r = await sh(process.execPath, ['props.mjs'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ accepted: 0, sameInstance: true, oneCopy: true });
  });
});
