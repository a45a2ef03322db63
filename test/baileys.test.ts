/**
 * The built-in baileys adapter on the real codec (baileys 6.17.16, a dev
 * dependency): the README's findings are what the suite finds, and the
 * shipped expected-failures file gates it at exit 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baileysRun, findingsMarkdown, withFindings } from '../scripts/baileys-findings.js';
import { ROOT, runCli } from './helpers/cli.js';

/** The suite's run on baileys, made once for the tests that read it. */
let found: ReturnType<typeof baileysRun> | undefined;
const baileys = () => (found ??= baileysRun());

describe('baileys', () => {
  it("the README's findings match what the suite finds (run npm run docs:baileys when this fails)", async () => {
    const result = await baileys();
    expect(result.adapter).toMatchObject({ name: 'baileys', version: '6.17.16', wire: 'node' });
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withFindings(readme, findingsMarkdown(result)));
    expect(result.summary.gatingFailures).toBeGreaterThan(0);
  });

  it('with the shipped expected-failures file the gate passes; without it, it fails', async () => {
    const gated = await runCli(['--adapter', 'baileys', '--expected-failures', 'expected-failures/baileys.yaml']);
    expect(gated.code, gated.stdout.slice(-2000)).toBe(0);
    expect(gated.stdout).toMatch(/baileys: 16 passed, 4 failed, 32 expected failures, 12 skipped/);
    const plain = await runCli(['--adapter', 'baileys', '--check', 'reject.encode.call-creator']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('<reject call-creator>: expected "123456789012345:0@lid", received "123456789012345@lid"');
  });

  it("every finding's reproduce command in the README fails that check again, with the same message", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const findings = [...readme.matchAll(/^- \*\*`(\S+)`\*\* \((?:must|should)\): (.*)\n(?: {2}- \d+ of \d+ kinds.*\n)?.*\n {2}- reproduce: ` npx conformance (.*) `$/gm)];
    expect(findings.length).toBe((await baileys()).summary.failed);
    for (const [, id, message, command] of findings) {
      const r = await runCli(command!.split(' '));
      expect(r.stdout, id).toMatch(/0 passed, 1 failed/);
      expect(r.stdout, id).toContain(message!.replace(/\\([|<>])/g, '$1'));
    }
  }, 120_000);
});
