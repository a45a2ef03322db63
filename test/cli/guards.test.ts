/**
 * No path from a broken codec leads to exit 0: what a codec does to its
 * process, its built-ins or its own shape never turns into a pass.
 * Exit codes need a process: these spawn the built CLI.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateAdapter } from '../../adapters/loader.js';
import { run } from '../../runner/index.js';
import { ROOT, runCli, runProcess } from '../helpers/cli.js';

const TIMING = join(ROOT, 'test', 'fixtures', 'timing');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const conformance = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
const EXITS = join(TIMING, 'exits-zero.mjs');
const SOME = ['--check', 'reject.encode.id,reject.encode.call-id,reject.decode.plain', '--runs', '40'];

describe('a codec that calls process.exit(0)', () => {
  it.each([
    // [where, isolation, also fails a check, exit code, what the output says]
    ['call', false, false, 1, /encode: the codec called process\.exit\(0\)/],
    ['call', true, false, 1, /encode: the codec ended its thread \(exit code 0\)/],
    ['setup', false, false, 2, /setup called process\.exit\(0\)/],
    ['teardown', false, true, 1, /teardown called process\.exit\(0\)/],
    [
      'timer',
      false,
      false,
      2,
      /the process was ended \(exit code 0\) before the verdict was written; the run cannot be trusted \(exit 2\)/,
    ],
  ] as const)(
    'in %s (isolation %s, another check failing %s) exits %i, saying why',
    async (where, isolated, alsoFail, code, said) => {
      const r = await conformance(['--adapter', EXITS, ...SOME, ...(isolated ? [] : ['--no-isolation'])], {
        EXIT_IN: where,
        ...(alsoFail ? { ALSO_FAIL: '1' } : {}),
      });
      expect(r.code, r.stdout + r.stderr).toBe(code);
      expect(r.stdout + r.stderr).toMatch(said);
    },
    60_000,
  );
});

describe('what an adapter module does as it is imported stays in the worker', () => {
  it('a timer started at import (a pool, a server) does not keep the run from ending', async () => {
    const r = await conformance(['--adapter', join(TIMING, 'keeps-alive.mjs'), ...SOME]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/keeps-alive: 3 passed, 0 failed/);
  }, 300_000);

  it('process.exit(0) at import is exit 2, saying so', async () => {
    const r = await conformance(['--adapter', join(TIMING, 'exits-on-import.mjs'), ...SOME]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/ended its thread while starting \(exit code 0\)/);
  }, 300_000);
});

describe('built-ins replaced by an in-process adapter', () => {
  it('a top-level patch of Array.prototype.filter stops the run with exit 2, naming it (in-process)', async () => {
    // Its own process: a patch at import time leaves this one's libraries in a state no later test should meet.
    const r = await conformance([
      '--adapter',
      join(TIMING, 'patches-filter.mjs'),
      '--no-isolation',
      '--check',
      'reject.encode.id',
      '--runs',
      '5',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /replaced built-ins the runner's verdict is computed with \(Array\.prototype\.filter\): the run cannot be trusted; run it isolated/,
    );
  }, 300_000);

  it('isolated, a patch made in setup stays in the worker: the counts add up and the broken codec fails', async () => {
    const r = await run({
      adapter: locateAdapter(join(TIMING, 'patches-filter-in-setup.mjs')),
      checks: ['reject.encode.id', 'reject.decode.plain'],
      runs: 5,
    });
    expect(r.summary.failed).toBe(2);
    expect(r.summary.gatingFailures).toBe(2);
  });

  it('in-process, a patch made in setup stops the run with exit 2 too', async () => {
    await expect(
      run({
        adapter: locateAdapter(join(TIMING, 'patches-filter-in-setup.mjs')),
        isolation: false,
        checks: ['reject.encode.id'],
        runs: 5,
      }).finally(restoreFilter),
    ).rejects.toThrow(/replaced built-ins the runner's verdict is computed with \(Array\.prototype\.filter\)/);
  });
});
const FILTER = Array.prototype.filter;
/** This process is the test's: the built-in goes back for the tests after. */
const restoreFilter = () =>
  Object.defineProperty(Array.prototype, 'filter', { value: FILTER, writable: true, configurable: true, enumerable: false });

describe('a run in which nothing ran', () => {
  it('every selected check skipped (a misspelt or missing operation) is exit 2, never a pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-skipped-'));
    const file = join(dir, 'decode-only.mjs');
    writeFileSync(
      file,
      `import { referenceXmlAdapter } from ${JSON.stringify(join(ROOT, 'dist/adapters/reference/xml.js'))};\nexport default { name: 'decode-only', reject: { decode: referenceXmlAdapter().reject.decode } };\n`,
    );
    const r = await runCli(['--adapter', file, '--check', 'reject.encode.*', '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /every selected check was skipped \(the adapter has no reject\.encode\): a run that tried nothing cannot pass/,
    );
    expect(r.stdout).not.toMatch(/gate: passed/);
  });
});

describe('memory', () => {
  it('a codec that allocates without end fails the call in flight, under the worker heap limit, and the run goes on', async () => {
    const r = await run({
      adapter: locateAdapter(join(TIMING, 'eats-memory.mjs')),
      checks: ['reject.encode.call-id', 'reject.decode.plain'],
      runs: 20,
      memoryLimitMb: 256,
    });
    const c = r.checks[0]!;
    expect(c.status).toBe('failed');
    // Out of memory, or (when collecting garbage near the limit makes it crawl) stopped as a hang first.
    expect(c.failure!.message).toMatch(/ran out of memory \(the worker's heap limit is 256 MB; see --memory-limit\)|did not return within/);
    expect(r.checks[1]!.status).toBe('passed');
  }, 300_000);
});

describe('found by adversarial review', () => {
  it('a correct codec whose answers are large (1 M characters of legal layout each) passes: a batch too large for one message is sent in parts', async () => {
    const r = await run({ adapter: locateAdapter(join(TIMING, 'large-answers.mjs')), checks: ['reject.encode.id'], runs: 80 });
    expect(r.checks.map((c) => [c.id, c.status, c.failure?.message])).toEqual([['reject.encode.id', 'passed', undefined]]);
  }, 300_000);

  it('a codec that keeps writing to the shared progress cell cannot hold the run: its hang is found', async () => {
    const r = await run({
      adapter: locateAdapter(join(TIMING, 'spoofs-progress.mjs')),
      checks: ['reject.encode.id', 'reject.decode.plain'],
      runs: 5,
    });
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['reject.encode.id', 'passed'],
      ['reject.decode.plain', 'failed'],
    ]);
    expect(r.checks[1]!.failure!.code).toMatch(/^(timeout|crashed)$/);
  }, 300_000);

  it('a correct codec with a slow first call in each thread and slow (not hung) calls passes: start-up is not charged to a confirmation', async () => {
    const r = await run({
      adapter: locateAdapter(join(TIMING, 'cold-and-slow.mjs')),
      checks: ['reject.encode.call-id', 'reject.encode.id'],
      runs: 10,
    });
    expect(r.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(r.restarts.length).toBeGreaterThan(0); // the slow calls were suspected, and forgiven
  }, 300_000);

  it.each([
    ['exit0', true, 1, /gate: FAILED/],
    ['throw', false, 2, /left an uncaught exception outside any call: late/],
  ] as const)(
    '--no-isolation: a timer of the codec that %s after the verdict (a check failing %s) exits %i; no report stays behind reading otherwise',
    async (late, alsoFail, code, said) => {
      const dir = mkdtempSync(join(tmpdir(), 'conformance-late-'));
      const json = join(dir, 'r.json');
      const r = await conformance(
        ['--adapter', join(TIMING, 'late-timers.mjs'), ...SOME, '--no-isolation', '--reporter', 'console', '--reporter', `json:${json}`],
        { LATE: late, ...(alsoFail ? { ALSO_FAIL: '1' } : {}) },
      );
      expect(r.code, r.stdout + r.stderr).toBe(code);
      expect(r.stdout + r.stderr).toMatch(said);
      if (code === 2) expect(existsSync(json)).toBe(false);
      else expect(JSON.parse(readFileSync(json, 'utf8')).exitCode).toBe(code);
    },
    60_000,
  );

  it('a codec that closes the terminal under the run: the file reports and the exit code still come', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-closed-'));
    const json = join(dir, 'r.json');
    const r = await conformance([
      '--adapter',
      join(TIMING, 'closes-stdout.mjs'),
      ...SOME,
      '--reporter',
      'console',
      '--reporter',
      `json:${json}`,
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).outcome).toBe('failed');
  }, 300_000);
});
