/** The README's section on evidence shows what the command prints, and the limits it names are the code's. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_STANZAS_PER_CHECK } from '../../reports/evidence/console.js';
import { CAPTURE_LIMITS, EVIDENCE_BOUNDS } from '../../runner/evidence/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { FIXTURE } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Evidence from captures'),
  readme.indexOf('\n## ', readme.indexOf('## Evidence from captures') + 3),
);

describe('README: Evidence from captures', () => {
  it('shows what conformance evidence prints on the fixture capture', async () => {
    const from = section.indexOf('```\n', section.indexOf('it prints:')) + 4;
    const example = section.slice(from, section.indexOf('```\n', from));
    const r = await runCli(['evidence', FIXTURE.xml]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(example);
  });

  it('names the limits the code has', () => {
    expect(CAPTURE_LIMITS).toEqual({ lineBytes: 1 << 20, stanzaBytes: 1 << 20, jsonDepth: 64 });
    expect(section).toContain('at\n  most 1 MiB, JSON nested at most 64 levels');
    expect(section).toContain(`first ${EVIDENCE_BOUNDS.values} distinct values`);
    expect(section).toContain(`keeps the first ${EVIDENCE_BOUNDS.locations} (the console shows ${CONSOLE_STANZAS_PER_CHECK} per check)`);
    expect(section).toContain(`values are cut at ${EVIDENCE_BOUNDS.valueChars} characters and messages at ${EVIDENCE_BOUNDS.messageChars}`);
  });
});
