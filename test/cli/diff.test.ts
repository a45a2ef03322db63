/**
 * --diff and --diff-gate from the command line: the matrix as before, then
 * the codecs compared with each other; informational unless --diff-gate;
 * bad options are exit 2 with one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { elementChildren, parseXml } from '../../spec/index.js';
import { ROOT, runCli, scratch } from '../helpers/cli.js';

const BARE_TO = join(ROOT, 'test', 'fixtures', 'diff', 'bare-to.ts');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** The lines of the console's Differences section, from its heading to the verdict. */
const section = (stdout: string) => stdout.slice(stdout.indexOf('\nDifferences (--diff')).trim().split('\n');

describe('--diff: reference against a codec that differs from it in one place', () => {
  it('both pass every check; the one difference is reported with both answers, informational: exit 0', async () => {
    const dir = scratch('diff');
    const r = await runCli([
      '--adapter',
      'reference',
      '--adapter',
      BARE_TO,
      '--diff',
      '--runs',
      '20',
      '--reporter',
      'console',
      '--reporter',
      `json:${join(dir, 'r.json')}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    // the matrix first, as without --diff: every must-level check passes on both
    expect(r.stdout).toMatch(/^reference {2}gate: passed {2}\(\d+ passed, 0 failed, \d+ skipped\)$/m);
    expect(r.stdout).toMatch(/^bare-to {4}gate: passed {2}\(\d+ passed, 0 failed, \d+ skipped\)$/m);
    expect(r.stdout.indexOf('Matrix (seed 20260)')).toBeLessThan(r.stdout.indexOf('Differences (--diff'));
    const lines = section(r.stdout);
    expect(lines[0]).toMatch(
      /^Differences \(--diff: reference, bare-to; seed 20260\): 1 distinct disagreement in \d+ of \d+ cases compared$/,
    );
    expect(lines[1]).toBe('  informational: a disagreement does not fail the run (--diff-gate makes it fail)');
    expect(lines.filter((l) => /^ {2}[=≠] /.test(l)).map((l) => l.slice(2, 13).trim())).toEqual([
      '= encode',
      '= roundtrip',
      '= decode',
      '≠ reply',
    ]);
    const found = lines.filter((l) => l.startsWith('≠ '));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^≠ reply · <call to>: reference gives "([^"]+)", bare-to gives "([^"]+)"$/);
    const [, full, bare] = /gives "([^"]+)", bare-to gives "([^"]+)"/.exec(found[0]!)!;
    expect(bare).toBe(full!.replace(/(\.\d+)?(:\d+)?@/, '@'));
    expect(full).not.toBe(bare);
    expect(r.stdout).toContain(
      "where the suite accepts several readings: reject.reply.to accepts the offer's from or call-creator, with or without agent and device",
    );
    expect(lines.find((l) => l.startsWith('  reference: '))).toMatch(/returned '<call /);
    expect(lines.find((l) => l.startsWith('  bare-to: '))).toMatch(/returned '<call /);
    expect(lines.at(-1)).toBe('every adapter passed the gate');

    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({
      outcome: 'passed',
      exitCode: 0,
      formatMinorVersion: 4,
      diff: { gate: false, informational: true, total: 1 },
    });
    expect(report.diff.disagreements.map((d: { operation: string; aspects: string[] }) => [d.operation, d.aspects])).toEqual([
      ['reply', ['<call to>']],
    ]);
    expect(
      report.diff.disagreements[0].answers.map((a: { adapter: string; meaning: Record<string, string> }) => [
        a.adapter,
        a.meaning['<call to>'],
      ]),
    ).toEqual([
      ['reference', `"${full}"`],
      ['bare-to', `"${bare}"`],
    ]);
  });

  it('--diff-gate: the disagreement fails the run, exit 1, in every report', async () => {
    const dir = scratch('diff-gate');
    const r = await runCli([
      '--adapter',
      'reference',
      '--adapter',
      BARE_TO,
      '--diff-gate',
      '--runs',
      '5',
      '--check',
      'reject.reply.*',
      '--no-isolation',
      '--reporter',
      'console',
      '--reporter',
      `json:${join(dir, 'r.json')}`,
      '--reporter',
      `junit:${join(dir, 'j.xml')}`,
      '--reporter',
      `markdown:${join(dir, 'r.md')}`,
      '--reporter',
      `html:${join(dir, 'r.html')}`,
    ]);
    expect(r.code).toBe(1);
    const lines = section(r.stdout);
    expect(lines[1]).toBe('  with --diff-gate, a disagreement fails the run (exit 1)');
    expect(lines.at(-1)).toBe('exit 1: the codecs disagree (--diff-gate)');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ outcome: 'failed', exitCode: 1, diff: { gate: true, informational: false, total: 1 } });
    expect(report.adapters.map((a: { outcome: string }) => a.outcome)).toEqual(['passed', 'passed']);
    const { root } = parseXml(readFileSync(join(dir, 'j.xml'), 'utf8'));
    const suite = elementChildren(root).find((e) => e.attrs.name === 'differential')!;
    expect(suite.attrs).toMatchObject({ tests: '4', failures: '1' });
    const failing = elementChildren(suite).filter((c) => c.name === 'testcase' && elementChildren(c).some((x) => x.name === 'failure'));
    expect(failing.map((c) => c.attrs.name)).toEqual(['diff.reply']);
    expect(Number(root.attrs.failures)).toBe(1);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('❌ **gate failed** (the codecs disagree, --diff-gate)');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain(
      '<p class="gate failed" id="diff-standing">with --diff-gate, a disagreement fails the run (exit 1)</p>',
    );
  });

  it('--diff-gate on codecs that agree: exit 0, and the section says there was no disagreement', async () => {
    const r = await runCli([
      '--adapter',
      'reference',
      '--adapter',
      'reference-node',
      '--diff-gate',
      '--runs',
      '5',
      '--check',
      'reject.encode.from',
      '--no-isolation',
    ]);
    expect(r.code, r.stdout).toBe(0);
    expect(section(r.stdout)[0]).toMatch(
      /^Differences \(--diff: reference, reference-node; seed 20260\): no disagreement in \d+ cases compared$/,
    );
    expect(r.stdout).not.toMatch(/^≠/m);
  });

  it('the config fields diff and diffGate do what the flags do', async () => {
    const dir = scratch('diff-config');
    writeFileSync(
      join(dir, 'conformance.config.json'),
      JSON.stringify({ adapters: ['reference', BARE_TO], diffGate: true, runs: 5, checks: ['reject.reply.to'], isolation: false }),
    );
    const r = await runCli([], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('exit 1: the codecs disagree (--diff-gate)');
  });
});

describe('an adapter whose setup fails', () => {
  it('is left out of the comparison of the others; the run still exits 2', async () => {
    const dir = scratch('diff-setup');
    const r = await runCli([
      '--adapter',
      'reference',
      '--adapter',
      join(ROOT, 'test', 'fixtures', 'hostile', 'setup-throws-escapes.ts'),
      '--adapter',
      BARE_TO,
      '--diff',
      '--runs',
      '5',
      '--check',
      'reject.reply.to',
      '--no-isolation',
      '--reporter',
      `json:${join(dir, 'r.json')}`,
    ]);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.outcome).toBe('error');
    expect(report.errors.map((e: { specifier: string }) => e.specifier)).toEqual([
      join(ROOT, 'test', 'fixtures', 'hostile', 'setup-throws-escapes.ts'),
    ]);
    expect(report.diff.adapters.map((a: { label: string }) => a.label)).toEqual(['reference', 'bare-to']);
    expect(report.diff.total).toBe(1);
  });
});

describe('bad options: exit 2 and one line', () => {
  it.each([
    [
      ['--adapter', 'reference', '--diff'],
      '--diff compares codecs with each other: expected two or more adapters (--adapter a --adapter b, or adapters in the config), received 1',
    ],
    [
      ['--adapter', 'reference', '--diff-gate'],
      '--diff-gate compares codecs with each other: expected two or more adapters (--adapter a --adapter b, or adapters in the config), received 1',
    ],
    [
      ['--adapter', 'reference', '--adapter', 'reference-node', '--diff', '--check', 'reject.encode.from', '--path', '0'],
      '--diff runs its own cases through every codec: --path replays one case of one check; use one or the other',
    ],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`conformance: ${message}\n`);
    expect(r.stdout).toBe('');
  });

  it.each([
    [{ adapters: ['reference'], diff: true }, 'expected two or more adapters'],
    [{ adapters: ['reference', 'reference-node'], diff: 'yes' }, '`diff` expected true or false (like --diff), received "yes"'],
    [{ adapters: ['reference', 'reference-node'], diffGate: 1 }, '`diffGate` expected true or false (like --diff-gate), received number 1'],
  ])('config %j', async (config, message) => {
    const dir = scratch('diff-bad-config');
    writeFileSync(join(dir, 'conformance.config.json'), JSON.stringify(config));
    const r = await runCli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain(message);
  });
});
