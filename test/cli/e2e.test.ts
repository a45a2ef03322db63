/**
 * The CLI as a user meets it: the built `conformance` command spawned in a
 * child process (npm test builds dist/ first).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECT_SUITE } from '../../suites/index.js';
import { ROOT, runProcess } from '../helpers/cli.js';
import { reportVerdict } from '../helpers/reports.js';

/** The checks of the XML wire, and those that do not apply to it: what a correct XML codec passes and skips. */
const XML_CHECKS = REJECT_SUITE.filter((c) => c.wires.includes('xml')).length;
const NOT_XML = REJECT_SUITE.length - XML_CHECKS;

const BIN = join(ROOT, 'dist', 'cli', 'main.js');

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...base } = process.env;
  return runProcess(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env } });
}

/** Splits a printed command as a POSIX shell would (plain words and '...' quoting, as shellQuote writes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

describe('conformance (spawned)', () => {
  it('passes the reference codec: exit 0, seed printed, plain output when not a TTY', async () => {
    const r = await cli(['--adapter', 'reference']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`seed 20260 · 100 runs per check · ${REJECT_SUITE.length} checks`);
    expect(r.stdout).toMatch(new RegExp(`reference: ${XML_CHECKS} passed, 0 failed, ${NOT_XML} skipped in \\d+ ms · gate: passed`));
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  it('passes reference-node too', async () => {
    const r = await cli(['--adapter', 'reference-node']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gate: passed/);
  });

  it('fails a broken fixture with exit 1, and its reproduce command reproduces exactly that failure', async () => {
    const r = await cli(['--adapter', './test/fixtures/faults/reply-trims-call-id.ts']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ reject\.reply\.call-id \(must, gating\)/);
    const reproduce = r.stdout.match(/reproduce:\s+(npx conformance .+)$/m)?.[1];
    expect(reproduce).toBeDefined();
    const [npx, bin, ...args] = shellWords(reproduce!);
    expect([npx, bin]).toEqual(['npx', 'conformance']);
    expect(args).toEqual(expect.arrayContaining(['--check', 'reject.reply.call-id', '--seed', '20260', '--path']));
    const again = await cli(args);
    expect(again.code).toBe(1);
    const block = (out: string) =>
      out.slice(out.indexOf('✗ reject.reply.call-id'), out.indexOf('reproduce:', out.indexOf('✗ reject.reply.call-id')));
    // the replay starts at the shrunk case, so it shrinks no further; all else is the same
    const sameCase = (out: string) => block(out).replace(/\(shrunk \d+ times; /, '(');
    expect(sameCase(again.stdout)).toBe(sameCase(r.stdout));
    expect(sameCase(r.stdout)).toMatch(/expected:[\s\S]+received:[\s\S]+counterexample:/);
    expect(again.stdout).toContain('0 passed, 1 failed');
  });

  it('writes every report in one run against a broken fixture, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-e2e-'));
    const r = await cli([
      '--adapter',
      './test/fixtures/faults/reply-trims-call-id.ts',
      '--reporter',
      'console',
      '--reporter',
      `json:${dir}/r.json`,
      '--reporter',
      `junit:${dir}/r.xml`,
      '--reporter',
      `markdown:${dir}/r.md`,
      '--reporter',
      `html:${dir}/r.html`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate: FAILED/);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).outcome).toBe('failed');
    // each file, read as its reader reads it, lists every check and fails the same ones, the fault's among them
    const json = reportVerdict(join(dir, 'r.json'));
    expect(json.checks).toEqual(REJECT_SUITE.map((c) => c.id).sort());
    expect(json.failed).toContain('reject.reply.call-id');
    for (const f of ['r.xml', 'r.html']) expect(reportVerdict(join(dir, f)), f).toEqual(json);
    expect(reportVerdict(join(dir, 'r.md')).failed).toEqual(json.failed);
  });

  it('refuses a missing adapter: exit 2, one clear line, no stack trace', async () => {
    const r = await cli(['--adapter', './no-such-adapter']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^conformance: adapter \.\/no-such-adapter: no such file: expected .*no-such-adapter with one of \.ts/);
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);
  });

  it('refuses an adapter of the wrong shape, naming the member: exit 2', async () => {
    const r = await cli(['--adapter', './test/fixtures/adapters/shape-encode-not-function.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`reject.encode` expected a function, received "yes"');
    noStackTrace(r.stderr);
  });

  it('refuses an adapter that throws while loading: exit 2, its message, no stack trace', async () => {
    const r = await cli(['--adapter', './test/fixtures/adapters/throws-on-load.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('codec init failed: missing native binding');
    noStackTrace(r.stderr);
  });

  it('isolated (the default), an unhandled rejection fails the check in flight and the run goes on: exit 1', async () => {
    const r = await cli(['--adapter', './test/fixtures/adapters/stray-rejection.ts', '--check', 'reject.encode.from,reject.decode.plain']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ must {3}reject\.encode\.from {2}FAILED/);
    expect(r.stdout).toContain('the codec left a promise rejection unhandled: socket closed behind your back');
    expect(r.stdout).toMatch(/✓ must {3}reject\.decode\.plain/);
    expect(r.stdout).toMatch(/restarted the adapter during reject\.encode\.from/);
  });

  it('a codec that hangs (a synchronous loop) cannot hang the gate: the whole suite ends on its own, exit 1', async () => {
    // It ends on its own (no kill here: a hung gate would run into this test's own limit); what a
    // hang costs in time is the bench's figure (npm run bench, section 6), not a margin a busy machine may not give.
    const r = await cli(['--adapter', './test/fixtures/misbehaving/reply-hangs.mjs', '--timeout', '250']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ must {3}reject\.reply\.structure {2}FAILED \(gating\)/);
    expect(r.stdout).toMatch(/restarted the adapter during reject\.reply\.structure: it did not return within 250 ms/);
    expect(r.stdout).toMatch(/✓ must {3}reject\.encode\.from/);
    // every generated check that calls reply meets the hang (the corpus's reply cases never ask for busy)
    const replying = REJECT_SUITE.filter((c) => c.needs.includes('reply') && !c.corpus).length;
    expect(r.stdout).toMatch(new RegExp(`reply-hangs: \\d+ passed, ${replying} failed`));
  });

  it('with --no-isolation, an unhandled rejection stops the run with exit 2 and one clear line', async () => {
    const r = await cli(['--adapter', './test/fixtures/adapters/stray-rejection.ts', '--check', 'reject.encode.from', '--no-isolation']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the adapter left an unhandled promise rejection outside any call: socket closed behind your back');
    expect(r.stdout).not.toMatch(/gate: passed/);
    noStackTrace(r.stderr);
  });

  it.each([
    [['--adapter', 'reference', '--frobnicate'], /unknown option '--frobnicate'/],
    [['--adapter', 'reference', '--runs', 'many'], /--runs "many": expected a whole number from 1 to/],
    [['--adapter', 'reference', '--seed', 'soon'], /--seed "soon": expected/],
    [['--adapter', 'reference', '--timeout', '0'], /--timeout "0": expected a whole number from 1 to/],
    [['--adapter', 'reference', '--check', 'reject.nothing.*'], /selects no check/],
    [['--adapter', 'reference', '--path', 'abc', '--check', 'reject.encode.from'], /--path "abc": expected numbers joined by colons/],
    [['--adapter', 'reference', '--extra-reason', 'two words'], /--extra-reason: .*expected a non-empty string of printable ASCII/],
    [[], /no adapter: expected --adapter/],
  ])('refuses bad flags %j with exit 2 and a message saying what was expected', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStackTrace(r.stderr);
  });

  it('--list prints every check with its level, and exits 0', async () => {
    const r = await cli(['--list']);
    expect(r.code).toBe(0);
    for (const c of REJECT_SUITE) expect(r.stdout).toMatch(new RegExp(`^${c.id.replace(/\./g, '\\.')}\\s+${c.level}\\s`, 'm'));
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
  });

  it('--seed random prints the seed it drew, and that seed replays the run', async () => {
    const r = await cli([
      '--adapter',
      './test/fixtures/faults/reply-trims-call-id.ts',
      '--check',
      'reject.reply.call-id',
      '--seed',
      'random',
    ]);
    const seed = r.stdout.match(/seed (\d+) \(random\)/)?.[1];
    expect(seed).toBeDefined();
    expect(r.stdout).toContain(`--seed ${seed}`);
    // the seed given back replays the run: the same failure, case for case
    const again = await cli([
      '--adapter',
      './test/fixtures/faults/reply-trims-call-id.ts',
      '--check',
      'reject.reply.call-id',
      '--seed',
      seed!,
    ]);
    const failure = (out: string) => out.slice(out.indexOf('✗ reject.reply.call-id'), out.lastIndexOf('reproduce:'));
    expect(r.code).toBe(1);
    expect(again.code).toBe(1);
    expect(failure(again.stdout)).toMatch(/counterexample:/);
    expect(failure(again.stdout)).toBe(failure(r.stdout));
  });
});
