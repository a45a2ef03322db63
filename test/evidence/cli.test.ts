/** `conformance evidence` beside the suite run: its help, its exit codes, its report files. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, scratch } from '../helpers/cli.js';
import { FIXTURE } from './helpers.js';

describe('conformance evidence', () => {
  it('--help documents the input, the formats and the exit codes', async () => {
    const r = await runCli(['evidence', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: conformance evidence \[options\] <file\.\.\.>/);
    for (const words of [
      '--extra-reason <reason>',
      '--reporter <name[:path]>',
      '.jsonl and',
      'first non-blank character (< or {)',
      'at most 1 MiB',
      'Exit codes: 0 the evidence report was made',
    ]) {
      expect(r.stdout).toContain(words);
    }
  });

  it("is named in the suite's --help, and the suite's --help and --version are as before", async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: conformance \[options\] \[command\]/);
    expect(help.stdout).toMatch(/Commands:\n {2}evidence <file\.\.\.> +Report what captured stanzas say/);
    expect(help.stdout).toContain(
      'Exit codes: 0 every gating check passed; 1 a gating check failed or an expected failure is stale; 2 the run could not be made.',
    );
    expect(help.stdout).toContain('--adapter <spec>');
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n` });
    expect((await runCli(['extra-argument'])).code).toBe(2);
  });

  it('writes json and markdown to conformance-report/ by default, and replaces its own earlier reports', async () => {
    const cwd = scratch('evidence-default');
    const capture = join(ROOT, FIXTURE.xml);
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['evidence', capture, '--reporter', 'json', '--reporter', 'markdown', '--reporter', 'console'], cwd);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('12 stanzas · 5 rejects');
    }
    expect(JSON.parse(readFileSync(join(cwd, 'conformance-report', 'evidence.json'), 'utf8')).stanzas.total).toBe(12);
    expect(readFileSync(join(cwd, 'conformance-report', 'evidence.md'), 'utf8')).toContain('### Open questions');
    // a suite report beside them is not touched
    expect(existsSync(join(cwd, 'conformance-report', 'report.json'))).toBe(false);
  });

  it('takes --extra-reason as the suite run does: the value is a reason, no decode check fails on it', async () => {
    const cwd = scratch('evidence-extra');
    const out = join(cwd, 'e.json');
    const r = await runCli(['evidence', join(ROOT, FIXTURE.jsonl), '--extra-reason', 'dnd', '--reporter', `json:${out}`], cwd);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.reasons.extended).toEqual(['dnd']);
    expect(json.decode.map((d: { check: string }) => d.check)).not.toContain('reject.decode.refuses.reason-outside-enum');
    expect(json.questions.autoReject.candidates).toMatchObject([{ value: 'dnd', extended: true }]);
  });

  it('exits 2 and leaves no report when a report cannot be written', async () => {
    const cwd = scratch('evidence-unwritable');
    writeFileSync(join(cwd, 'file'), 'not a directory\n');
    const md = join(cwd, 'ok.md');
    const r = await runCli(
      ['evidence', join(ROOT, FIXTURE.xml), '--reporter', `markdown:${md}`, '--reporter', `json:${join(cwd, 'file', 'e.json')}`],
      cwd,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^conformance: --reporter json could not write its report: /);
    expect(existsSync(md)).toBe(false);
  });
});
