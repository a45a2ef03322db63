/**
 * The mutation-testing setup (README: Mutation testing) stays in step with
 * the files it names: a renamed or moved file would otherwise leave
 * Stryker's scope, or its test list, without a word.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import mutationVitest, { MUTATION_TESTS } from '../vitest.mutation.config.js';

const ROOT = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.stryker-tmp', 'mutation']);

/** Every file of the repository's own folders, as a path relative to it. */
function files(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (SKIP.has(e.name) ? [] : files(join(dir, e.name))) : [relative(ROOT, join(dir, e.name)).split(sep).join('/')],
  );
}

interface StrykerConfig {
  testRunner: string;
  mutate: string[];
  vitest: { configFile: string; related?: boolean };
  coverageAnalysis: string;
  incremental: boolean;
  incrementalFile: string;
  disableTypeChecks: boolean | string;
  htmlReporter: { fileName: string };
  reporters: string[];
  concurrency: number;
  appendPlugins?: string[];
  ignorers?: string[];
  thresholds: { high: number; low?: number; break: number | null };
}

const config = (await import(pathToFileURL(join(ROOT, 'stryker.config.mjs')).href)).default as StrykerConfig;
const all = files();

describe('stryker.config.mjs', () => {
  it('parses, and runs the vitest runner with per-test coverage, incrementally, one runner at a time, leaving type checks in place', () => {
    expect(config.testRunner).toBe('vitest');
    expect(config.coverageAnalysis).toBe('perTest');
    expect(config.incremental).toBe(true);
    expect(config.disableTypeChecks).toBe(false);
    expect(config.concurrency).toBe(1);
    expect(config.reporters).toEqual(expect.arrayContaining(['clear-text', 'html']));
    expect(config.thresholds.high).toBe(90);
  });

  it.each([['mutate', () => config.mutate]] as const)('has every %s glob match a source file, and none a test', (_, globs) => {
    for (const glob of globs()) {
      const matched = all.filter((f) => picomatch(glob)(f));
      expect(matched, `${glob} matches no file`).not.toEqual([]);
      expect(
        matched.filter((f) => f.startsWith('test/') || !f.endsWith('.ts')),
        glob,
      ).toEqual([]);
    }
  });

  it('keeps its incremental file in the repository and its HTML report out of reports/ (a source folder) and out of git', () => {
    expect(config.incrementalFile.startsWith('mutation/')).toBe(true);
    const report = config.htmlReporter.fileName;
    expect(report.startsWith('mutation/report/')).toBe(true);
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['mutation/report/', '.stryker-tmp/']),
    );
  });

  it('loads the plugins it names, and uses the ignorer they declare', async () => {
    const names: string[] = [];
    for (const plugin of config.appendPlugins ?? []) {
      expect(existsSync(join(ROOT, plugin)), plugin).toBe(true);
      const mod = (await import(pathToFileURL(join(ROOT, plugin)).href)) as {
        strykerPlugins: { kind: string; name: string; value: unknown }[];
      };
      for (const p of mod.strykerPlugins) names.push(`${p.kind}:${p.name}`);
    }
    for (const ignorer of config.ignorers ?? []) expect(names).toContain(`Ignore:${ignorer}`);
  });
});

describe('README: Mutation testing', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Mutation testing'), readme.indexOf('\n## ', readme.indexOf('## Mutation testing') + 1));

  it('gives the command and names every file or folder Stryker mutates', () => {
    expect(section).toContain('npm run mutation');
    for (const glob of config.mutate) expect(section, glob).toContain(`\`${glob.replace(/\*\*\/\*\.ts$/, '')}\``);
  });
});

describe('vitest.mutation.config.ts (the tests Stryker runs)', () => {
  it('is the config Stryker names, and includes exactly MUTATION_TESTS, each glob matching a test file', () => {
    expect(config.vitest.configFile).toBe('vitest.mutation.config.ts');
    expect(mutationVitest.test?.include).toEqual(MUTATION_TESTS);
    for (const glob of MUTATION_TESTS) {
      const matched = all.filter((f) => picomatch(glob)(f));
      expect(matched, `${glob} matches no file`).not.toEqual([]);
      expect(
        matched.every((f) => f.startsWith('test/') && f.endsWith('.test.ts')),
        glob,
      ).toBe(true);
    }
  });

  it('leaves out the tests that spawn a process or start a worker themselves', () => {
    const included = all.filter((f) => MUTATION_TESTS.some((g) => picomatch(g)(f)));
    // Spawning dist/ or a command, a worker, or a run isolated in one from locateAdapter's source.
    const spawns = /\brunProcess\(|\bspawn\(|\bexecFile\(|\bnew Worker\(|\blocateAdapter\(|npm pack|isolation: true/;
    for (const f of included) expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(spawns);
  });
});
