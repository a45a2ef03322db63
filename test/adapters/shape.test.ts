/** A misspelt member is refused (exit 2) rather than silently skipping its checks; any other extra key is fine. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConformanceError } from '../../adapters/errors.js';
import { loadAdapter } from '../../adapters/loader.js';
import { editDistance } from '../../adapters/misspelt-member.js';
import { checkAdapterShape } from '../../adapters/shape.js';
import { runCli } from '../helpers/cli.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'adapters');
const load = (spec: string) => loadAdapter(spec, { cwd: DIR });
const fn = () => '';

/** The message of the ConformanceError (code adapter_shape) that loading `spec` throws. */
async function refusal(spec: string): Promise<string> {
  const error = await load(spec).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceError);
  expect((error as ConformanceError).code).toBe('adapter_shape');
  return (error as ConformanceError).message;
}

describe('a misspelt member', () => {
  it.each([
    [
      './shape-misspelt-encode.ts',
      'adapter ./shape-misspelt-encode.ts: `reject.encdoe` is not part of the adapter contract: did you mean `reject.encode`? (if `encdoe` is your own helper, rename it, or write `encode: undefined` to say there is no encode)',
    ],
    [
      './shape-misspelt-setup.ts',
      'adapter ./shape-misspelt-setup.ts: `stup` is not part of the adapter contract: did you mean `setup`? (if `stup` is your own helper, rename it, or write `setup: undefined` to say there is no setup)',
    ],
    [
      './shape-misspelt-reject.ts',
      'adapter ./shape-misspelt-reject.ts: `rejcet` is not part of the adapter contract: did you mean `reject`?',
    ],
    [
      './shape-misspelt-on-prototype.ts',
      'adapter ./shape-misspelt-on-prototype.ts: `reject.replay` is not part of the adapter contract: did you mean `reject.reply`? (if `replay` is your own helper, rename it, or write `reply: undefined` to say there is no reply)',
    ],
  ])('%s is refused, naming the member and the one meant', async (spec, message) => {
    expect(await refusal(spec)).toBe(message);
  });

  it('spelt in another case or with an underscore: `Decode`, `tear_down`', async () => {
    expect(await refusal('./shape-misspelt-case.ts')).toMatch(
      /^adapter \.\/shape-misspelt-case\.ts: `tear_down` is not part of the adapter contract: did you mean `teardown`\?/,
    );
    expect(() => checkAdapterShape({ name: 'x', reject: { encode: fn, Decode: fn } }, 'x')).toThrow(
      '`reject.Decode` is not part of the adapter contract: did you mean `reject.decode`?',
    );
    expect(() => checkAdapterShape({ name: 'x', reject: { encode: fn }, SET_UP: fn }, 'x')).toThrow(
      '`SET_UP` is not part of the adapter contract: did you mean `setup`?',
    );
  });

  it('suggests the closest absent member, and at most two edits away', () => {
    expect(() => checkAdapterShape({ name: 'x', reject: { reply: fn, ecnode: fn } }, 'x')).toThrow('did you mean `reject.encode`?');
    expect(() => checkAdapterShape({ name: 'x', reject: { reply: fn, dcode: fn } }, 'x')).toThrow('did you mean `reject.decode`?');
    expect(() => checkAdapterShape({ name: 'x', reject: { decode: fn }, teardwn: fn, wires: 'xml' }, 'x')).toThrow(
      '`teardwn` is not part of the adapter contract: did you mean `teardown`?',
    );
    expect(() => checkAdapterShape({ name: 'x', reject: { decode: fn, enc0d3: fn } }, 'x')).toThrow('did you mean `reject.encode`?');
    expect(checkAdapterShape({ name: 'x', reject: { decode: fn, enc0d3r: fn } }, 'x').name).toBe('x');
  });

  it('through the command: exit 2 instead of `0 passed, 0 failed, 19 skipped · gate: passed`', async () => {
    const r = await runCli(['--adapter', join(DIR, 'shape-misspelt-encode.ts'), '--check', 'reject.encode.*', '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`reject.encdoe` is not part of the adapter contract: did you mean `reject.encode`?');
  });
});

describe('extra keys that are not near an absent member stay allowed', () => {
  it('a description, metadata and helpers on the codec', async () => {
    const loaded = await load('./shape-extras.ts');
    expect(loaded.adapter.name).toBe('shape-extras');
    expect((loaded.adapter as unknown as { description: string }).description).toBe('the codec of our desktop client');
  });

  it('class instances: members and helpers on prototypes, with every member present', async () => {
    const loaded = await load('./shape-class-instance.ts');
    expect(typeof loaded.adapter.reject.encode).toBe('function');
    expect(typeof loaded.adapter.setup).toBe('function');
  });

  it('a helper two edits from a member the adapter declares absent (`encode: undefined`)', async () => {
    expect((await load('./shape-declared-absent.ts')).adapter.reject.encode).toBeUndefined();
    expect(() => checkAdapterShape({ name: 'x', reject: { decode: fn, code: 'utf-8' } }, 'x')).toThrow(
      '`reject.code` is not part of the adapter contract: did you mean `reject.encode`?',
    );
  });

  it('keys that cannot be listed (a Proxy that throws) leave the verdict to the shape check', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys for you');
        },
      },
    );
    expect(() => checkAdapterShape(hostile, 'x')).toThrow(
      new ConformanceError('adapter_shape', 'adapter x: `name` expected a non-empty string, received undefined'),
    );
  });

  it('a key near a member that is present: `encoder` beside `encode`', () => {
    expect(checkAdapterShape({ name: 'x', reject: { encode: fn, encoder: {} } }, 'x').name).toBe('x');
  });
});

describe('editDistance (Damerau-Levenshtein)', () => {
  it.each([
    ['encode', 'encode', 0],
    ['encdoe', 'encode', 1],
    ['rejcet', 'reject', 1],
    ['stup', 'setup', 1],
    ['ecnode', 'encode', 1],
    ['code', 'encode', 2],
    ['stop', 'setup', 2],
    ['', 'wire', 4],
    ['kitten', 'sitting', 3],
  ])('%j to %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
