import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FAULTS, runCli, scratch } from '../helpers/cli.js';

const TRIMS = join(FAULTS, 'encode-trims-call-id.ts');
const CHECKS = ['--check', 'reject.encode.call-id,reject.encode.from', '--runs', '20'];

describe('expected failures', () => {
  it('a listed check that fails is expected: reported, not gating, exit 0', async () => {
    const dir = scratch('xfail');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'encode-trims-call-id:\n  - check: reject.encode.call-id\n    note: trimming bug, fixed in 2.0\n');
    const r = await runCli([
      '--adapter',
      TRIMS,
      ...CHECKS,
      '--expected-failures',
      file,
      '--reporter',
      'console',
      '--reporter',
      `json:${join(dir, 'r.json')}`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reject\.encode\.call-id {2}failed, as expected \(not gating\)/);
    expect(r.stdout).toContain('1 expected failure');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const check = report.adapters[0].checks.find((c: { id: string }) => c.id === 'reject.encode.call-id');
    expect(check).toMatchObject({ status: 'expected-failure', gating: false, expected: { file, note: 'trimming bug, fixed in 2.0' } });
    expect(report.outcome).toBe('passed');
  });

  it('a failure the file does not list is new: exit 1', async () => {
    const dir = scratch('new');
    const file = join(dir, 'expected.json');
    writeFileSync(file, JSON.stringify({ 'encode-trims-call-id': ['reject.encode.from'], 'some-other-codec': ['reject.encode.call-id'] }));
    const r = await runCli(['--adapter', TRIMS, '--check', 'reject.encode.call-id', '--runs', '20', '--expected-failures', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/reject\.encode\.call-id {2}FAILED \(gating\)/);
  });

  it('a listed check that passes is stale: exit 1, saying to remove the entry', async () => {
    const dir = scratch('stale');
    const file = join(dir, 'expected.yaml');
    writeFileSync(file, 'encode-trims-call-id:\n  - reject.encode.call-id\n  - reject.encode.from\n');
    const r = await runCli(['--adapter', TRIMS, ...CHECKS, '--expected-failures', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`reject.encode.from passes now, but ${file} lists it as an expected failure: remove the entry`);
    expect(r.stdout).toMatch(/1 stale expected failure/);
  });

  it('--update-expected-failures writes the file from the run, keeping notes and other adapters, then exits 0', async () => {
    const dir = scratch('update');
    const file = join(dir, 'expected.yaml');
    writeFileSync(
      file,
      'encode-trims-call-id:\n  - check: reject.encode.call-id\n    note: kept\n  - reject.encode.from\nother-codec:\n  - reject.roundtrip\n',
    );
    const r = await runCli([
      '--adapter',
      TRIMS,
      '--adapter',
      'reference',
      '--check',
      'reject.encode.*,reject.roundtrip',
      '--runs',
      '20',
      '--expected-failures',
      file,
      '--update-expected-failures',
    ]);
    expect(r.code).toBe(0);
    const written = parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      'encode-trims-call-id': [{ check: 'reject.encode.call-id', note: 'kept' }, 'reject.encode.escaping', 'reject.roundtrip'],
      reference: [],
      'other-codec': ['reject.roundtrip'],
    });
    const again = await runCli([
      '--adapter',
      TRIMS,
      '--adapter',
      'reference',
      '--check',
      'reject.encode.*,reject.roundtrip',
      '--runs',
      '20',
      '--expected-failures',
      file,
    ]);
    expect(again.code).toBe(0);
  });

  it('--update-expected-failures creates a missing file', async () => {
    const file = join(scratch('create'), 'new.json');
    const r = await runCli(['--adapter', TRIMS, ...CHECKS, '--expected-failures', file, '--update-expected-failures']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'encode-trims-call-id': ['reject.encode.call-id'] });
  });

  it.each([
    ['an unknown check id', 'x:\n  - reject.encode.callid\n', /"reject\.encode\.callid" is not a check id \(see conformance --list\)/],
    ['not a mapping', '- a\n- b\n', /expected adapter names mapping to lists of check ids/],
    ['broken YAML', 'x: [unclosed\n', /not valid YAML/],
  ])('a file with %s is refused: exit 2', async (_what, text, message) => {
    const file = join(scratch('bad'), 'expected.yaml');
    writeFileSync(file, text);
    const r = await runCli(['--adapter', 'reference', ...CHECKS, '--expected-failures', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a missing file is refused unless it is being written', async () => {
    const r = await runCli(['--adapter', 'reference', ...CHECKS, '--expected-failures', join(scratch('missing'), 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file \(create it with --update-expected-failures\)/);
  });
});
