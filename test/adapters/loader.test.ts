import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../adapters/errors.js';
import { loadAdapter } from '../../adapters/loader.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'adapters');
const load = (spec: string) => loadAdapter(spec, { cwd: DIR });

/** The ConformanceError that loading `spec` throws. */
async function refusal(spec: string): Promise<ConformanceError> {
  const error = await load(spec).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceError);
  return error as ConformanceError;
}

describe('loading an adapter', () => {
  it.each([
    ['./ts-default.ts', 'ts-default'],
    ['./ts-default', 'ts-default'],
    ['./ts-named.mts', 'ts-named'],
    ['./ts-named', 'ts-named'],
    ['./esm.mjs', 'esm'],
    ['./cjs.cjs', 'cjs'],
    ['./cjs-default.cjs', 'cjs-default'],
    ['./cts.cts', 'cts'],
    ['./dir-with-package', 'dir-with-package'],
    ['./dir-with-index', 'dir-with-index'],
    [join(DIR, 'ts-default.ts'), 'ts-default'],
  ])('%s loads as %s (TS or JS, ESM or CJS, no build step)', async (spec, name) => {
    const loaded = await load(spec);
    expect(loaded.adapter.name).toBe(name);
    expect(loaded.specifier).toBe(spec);
    expect(loaded.file).toMatch(/\.(ts|mts|cts|js|mjs|cjs)$/);
  });

  it('loads an installed package by name, resolved from the working directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'conformance-pkg-'));
    const pkg = join(cwd, 'node_modules', 'my-codec-adapter');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'my-codec-adapter', main: 'index.cjs' }));
    writeFileSync(join(pkg, 'index.cjs'), "module.exports = { name: 'installed', reject: { decode: () => ({}) } };");
    expect((await loadAdapter('my-codec-adapter', { cwd })).adapter.name).toBe('installed');
  });

  it('gives the built-ins by bare name', async () => {
    expect((await load('reference')).adapter.wire).toBe('xml');
    expect((await load('reference-node')).adapter.wire).toBe('node');
  });
});

describe('refusing an adapter (exit 2), naming what is wrong', () => {
  it.each([
    ['./shape-no-name.ts', /`name` expected a non-empty string, received undefined/],
    ['./shape-no-reject.ts', /`reject` expected an object with at least one of encode, decode, reply/],
    ['./shape-empty-reject.ts', /`reject` expected an object with at least one of encode, decode, reply/],
    ['./shape-encode-not-function.ts', /`reject.encode` expected a function, received "yes"/],
    ['./shape-unknown-wire.ts', /`wire` expected 'xml' or 'node', received "binary"/],
    ['./shape-no-export.ts', /the exported adapter expected an object/],
  ])('%s: the wrong member is named', async (spec, message) => {
    const e = await refusal(spec);
    expect(e.code).toBe('adapter_shape');
    expect(e.message).toMatch(message);
    expect(e.message).toContain(spec);
  });

  it('a module that throws while loading: its own message, one line', async () => {
    const e = await refusal('./throws-on-load.ts');
    expect(e.code).toBe('adapter_load');
    expect(e.message).toMatch(/failed to load: .*codec init failed: missing native binding/);
    expect(e.message).not.toContain('\n');
  });

  it('a module with a syntax error', async () => {
    const e = await refusal('./syntax-error.ts');
    expect(e.code).toBe('adapter_load');
    expect(e.message).toContain('syntax-error.ts failed to load');
  });

  it('a path that does not exist, saying what was tried', async () => {
    const e = await refusal('./nope');
    expect(e.code).toBe('adapter_not_found');
    expect(e.message).toMatch(/no such file: expected .*nope with one of \.ts, \.mts, \.cts, \.js, \.mjs, \.cjs/);
  });

  it('a bare name that is neither built in nor installed, listing the built-ins', async () => {
    const e = await refusal('referense');
    expect(e.code).toBe('adapter_not_found');
    expect(e.message).toMatch(/expected a built-in adapter \(reference, reference-node, baileys\), a path such as \.\/referense/);
  });

  it('a directory whose package.json is broken', async () => {
    const e = await refusal('./broken-package');
    expect(e.code).toBe('adapter_load');
    expect(e.message).toMatch(/package\.json is not valid JSON/);
  });

  it('does not take an inherited property for a built-in', async () => {
    expect((await refusal('constructor')).code).toBe('adapter_not_found');
  });
});
