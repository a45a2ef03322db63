/**
 * The stale-build guard (scripts/build-stamp.mjs, run by the tests' global
 * setup): any change to a file the build reads makes dist/ stale; a change
 * the build does not read (a test) does not.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInputs, isFresh, writeStamp } from '../scripts/build-stamp.mjs';
import { ROOT, scratch } from './helpers/cli.js';

function project(): string {
  const dir = scratch('stamp');
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['spec', 'cli', 'dist', 'test']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'index.ts'), 'export {};\n');
  writeFileSync(join(dir, 'spec', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'test', 'a.test.ts'), '');
  return dir;
}

describe('the stale-build guard', () => {
  it('reads the folders tsconfig.build.json includes, not tests or dist', () => {
    const inputs = buildInputs(ROOT);
    expect(inputs).toContain('index.ts');
    expect(inputs).toContain('suites/index.ts');
    expect(inputs).toContain('package.json');
    expect(inputs.some((f) => f.startsWith('test/') || f.startsWith('dist/') || f.includes('node_modules'))).toBe(false);
  });

  it('is fresh after a stamp, stale after any change to what the build reads, and a test file changes nothing', () => {
    const dir = project();
    expect(isFresh(dir)).toBe(false);
    writeStamp(dir);
    expect(isFresh(dir)).toBe(true);
    writeFileSync(join(dir, 'test', 'a.test.ts'), 'changed');
    expect(isFresh(dir)).toBe(true);
    writeFileSync(join(dir, 'spec', 'a.ts'), 'export const a = 2;\n');
    expect(isFresh(dir)).toBe(false);
    writeStamp(dir);
    writeFileSync(join(dir, 'cli', 'new.ts'), '');
    expect(isFresh(dir)).toBe(false);
  });

  it('holds for this checkout: the tests run against a build of these sources', () => {
    expect(isFresh(ROOT)).toBe(true);
  });
});
