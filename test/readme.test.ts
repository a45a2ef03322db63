import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withChecksTable } from '../scripts/checks-table.js';
import { REJECT_SUITE } from '../suites/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every check of the suite as it is now (run npm run docs when this fails)', () => {
    expect(readme).toBe(withChecksTable(readme));
    for (const c of REJECT_SUITE) expect(readme).toContain(`\`${c.id}\` | ${c.level} |`);
  });

  it('gives the two commands, and .ci/run runs the same test command', () => {
    expect(readme).toContain('npm install && npx conformance --adapter reference');
    expect(readme).toMatch(/^npm test\b/m);
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });
});
