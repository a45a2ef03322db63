import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTS, runCli, scratch } from '../helpers/cli.js';
import { reportVerdict } from '../helpers/reports.js';

const TRIMS = join(FAULTS, 'encode-trims-call-id.ts');
const VAGUE = join(FAULTS, 'encode-throws-vague-errors.ts');

describe('several adapters in one run', () => {
  it('runs the same cases against each, shows the matrix, and exits with the worst', async () => {
    const dir = scratch('matrix');
    const r = await runCli([
      '--adapter',
      'reference',
      '--adapter',
      TRIMS,
      '--check',
      'reject.encode.*',
      '--runs',
      '20',
      '--reporter',
      'console',
      '--reporter',
      `json:${join(dir, 'r.json')}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Matrix \(seed 20260\)/);
    expect(r.stdout).toMatch(/^ {2}✓ ✗ {2}reject\.encode\.call-id$/m);
    expect(r.stdout).toMatch(/^reference {13}gate: passed/m);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.adapters.map((a: { name: string; outcome: string }) => [a.name, a.outcome])).toEqual([
      ['reference', 'passed'],
      ['encode-trims-call-id', 'failed'],
    ]);
    expect(report.adapters[0].checks.map((c: { id: string }) => c.id)).toEqual(report.adapters[1].checks.map((c: { id: string }) => c.id));
    expect(report.seed).toBe(20260);
  });

  it('exits 0 only when every adapter passes', async () => {
    const r = await runCli(['--adapter', 'reference', '--adapter', 'reference-node', '--check', 'reject.encode.from', '--runs', '10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('every adapter passed the gate');
  });
});

describe('levels', () => {
  it('should-level failures gate only with --strict; the console says which failures gated', async () => {
    const lenient = await runCli(['--adapter', VAGUE, '--check', 'reject.encode.error-names-culprit', '--runs', '20']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/failed \(should, not gating\)/);
    const strict = await runCli(['--adapter', VAGUE, '--check', 'reject.encode.error-names-culprit', '--runs', '20', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/FAILED \(gating\)/);
  });
});

describe('the config file', () => {
  it('holds the options (paths relative to it), found from the working directory up; flags win', async () => {
    const dir = scratch('config');
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    writeFileSync(
      join(dir, 'conformance.config.json'),
      JSON.stringify({
        adapters: ['reference'],
        runs: 7,
        checks: ['reject.encode.from'],
        reporters: ['json:out/r.json'],
        reasons: { extend: ['do_not_disturb'] },
      }),
    );
    const r = await runCli([], join(dir, 'sub', 'deeper'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'r.json'), 'utf8'));
    expect(report.runs).toBe(7);
    expect(report.reasons.extended).toEqual(['do_not_disturb']);
    expect(report.adapters[0].checks.map((c: { id: string }) => c.id)).toEqual(['reject.encode.from']);
    const flagged = await runCli(['--runs', '3', '--reporter', 'console'], join(dir, 'sub'));
    expect(flagged.stdout).toMatch(/3 runs per check/);
  });

  it('may be TypeScript, exporting its options', async () => {
    const dir = scratch('config-ts');
    writeFileSync(
      join(dir, 'conformance.config.ts'),
      "export default { adapters: ['reference-node'], checks: ['reject.decode.plain'], runs: 5 };\n",
    );
    const r = await runCli([], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(node wire, reference-node\)/);
  });

  it.each([
    [{ runs: 'ten' }, /`runs` expected a whole number from 1 to 1000000000, received "ten"/],
    [{ adpaters: ['reference'] }, /unknown field `adpaters`: expected one of adapters, runs, seed/],
    [{ reasons: { extend: 'dnd' } }, /`reasons.extend` expected a list of reason values, received "dnd"/],
    [{ reasons: { extnd: [] } }, /unknown field `reasons.extnd`/],
    [{ seed: 1.5 }, /`seed` expected an integer between/],
    [{ reporters: ['pdf'] }, /--reporter "pdf": expected one of console, json, junit, markdown, html/],
  ])('a wrong field %j is refused: exit 2, naming the field', async (config, message) => {
    const dir = scratch('config-bad');
    writeFileSync(join(dir, 'conformance.config.json'), JSON.stringify({ adapters: ['reference'], ...config }));
    const r = await runCli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('conformance.config.json');
  });

  it('--config names a file explicitly', async () => {
    const dir = scratch('config-explicit');
    writeFileSync(join(dir, 'ci.json'), JSON.stringify({ adapters: ['reference'], checks: ['reject.encode.to'], runs: 4 }));
    const r = await runCli(['--config', 'ci.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 runs per check · 1 check$/m);
  });
});

describe('reports', () => {
  it('a file reporter without a path writes to ./conformance-report/', async () => {
    const dir = scratch('default-path');
    const r = await runCli(
      [
        '--adapter',
        'reference',
        '--check',
        'reject.encode.from',
        '--runs',
        '5',
        '--reporter',
        'json',
        '--reporter',
        'junit',
        '--reporter',
        'markdown',
        '--reporter',
        'html',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    // each file is there and reads as this run: the one check, passed
    for (const f of ['report.json', 'junit.xml', 'report.md', 'report.html']) {
      expect(reportVerdict(join(dir, 'conformance-report', f)), f).toEqual({ checks: ['reject.encode.from'], failed: [] });
    }
    expect(JSON.parse(readFileSync(join(dir, 'conformance-report', 'report.json'), 'utf8')).outcome).toBe('passed');
  });

  it('a run that fails before reporting leaves no earlier report that reads as a pass', async () => {
    const dir = scratch('stale-report');
    const file = join(dir, 'r.json');
    const ok = await runCli(['--adapter', 'reference', '--check', 'reject.encode.from', '--runs', '5', '--reporter', `json:${file}`]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).outcome).toBe('passed');
    const broken = await runCli(['--adapter', './no-such-adapter.ts', '--reporter', `json:${file}`], dir);
    expect(broken.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it('an adapter whose setup fails is an error in every report, and the others still run', async () => {
    const dir = scratch('setup-error');
    writeFileSync(
      join(dir, 'bad-setup.mjs'),
      "export default { name: 'bad-setup', reject: { decode: () => ({}) }, setup() { throw new Error('no database'); } };\n",
    );
    const r = await runCli(
      [
        '--adapter',
        './bad-setup.mjs',
        '--adapter',
        'reference',
        '--check',
        'reject.encode.from',
        '--runs',
        '5',
        '--reporter',
        'console',
        '--reporter',
        'json:r.json',
        '--reporter',
        'markdown:r.md',
      ],
      dir,
    );
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.outcome).toBe('error');
    expect(report.errors[0].message).toMatch(/setup threw: no database/);
    expect(report.adapters.map((a: { name: string }) => a.name)).toEqual(['reference']);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/the run could not be completed/);
  });

  it('a report that cannot be written ends the run with exit 2 and takes the other reports with it', async () => {
    const dir = scratch('unwritable');
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const r = await runCli(
      [
        '--adapter',
        'reference',
        '--check',
        'reject.encode.from',
        '--runs',
        '5',
        '--reporter',
        'json:r.json',
        '--reporter',
        'junit:blocker/junit.xml',
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a reporter could not write its report/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it('refuses an unknown reporter, and console with a path', async () => {
    expect((await runCli(['--adapter', 'reference', '--reporter', 'pdf'])).stderr).toMatch(
      /expected one of console, json, junit, markdown, html/,
    );
    expect((await runCli(['--adapter', 'reference', '--reporter', 'console:x.txt'])).code).toBe(2);
  });

  it('loads a reporter module by path', async () => {
    const dir = scratch('custom-reporter');
    writeFileSync(
      join(dir, 'count.mjs'),
      "import { writeFileSync } from 'node:fs';\nexport default ({ file }) => ({ onSessionEnd(s) { writeFileSync(file, String(s.results[0].summary.passed)); } });\n",
    );
    const r = await runCli(
      ['--adapter', 'reference', '--check', 'reject.encode.from', '--runs', '5', '--reporter', './count.mjs:count.txt'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'count.txt'), 'utf8')).toBe('1');
  });
});
