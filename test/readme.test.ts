import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../cli/config.js';
import { withChecksTable } from '../scripts/checks-table.js';
import { REJECT_SUITE } from '../suites/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every check of the suite as it is now (run npm run docs when this fails)', () => {
    expect(readme).toBe(withChecksTable(readme));
    for (const c of REJECT_SUITE) expect(readme).toContain(`\`${c.id}\` | ${c.level} |`);
  });

  it('shows a config file that the config validation accepts, and an expected-failures file that parses', () => {
    const config = readme.match(/```ts\n\/\/ conformance\.config\.ts\nexport default (\{[\s\S]*?\});\n```/)?.[1];
    expect(config).toBeDefined();
    const value = new Function(`return (${config});`)();
    expect(validateConfig(value, 'README')).toEqual(value);
    const yaml = readme.match(/```yaml\n# conformance-expected\.yaml\n([\s\S]*?)```/)?.[1];
    expect(parse(yaml!)).toEqual({
      'my-codec': ['reject.decode.refuses.doctype', { check: 'reject.encode.escaping', note: 'newlines in call-ids, fixed in 2.0' }],
    });
  });

  it('gives the two commands, and .ci/run runs the same test command', () => {
    expect(readme).toContain('npm install && npx conformance --adapter reference');
    expect(readme).toMatch(/^npm test\b/m);
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });
});

describe('README: the kinds excerpt', () => {
  it('is what the command it names prints, timings aside', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const intro = readme.indexOf("encode-accepts-empty-fields.ts --check 'reject.encode.refuses.*'");
    const from = readme.indexOf('```\n', intro) + 4;
    const excerpt = readme.slice(from, readme.indexOf('```\n', from));
    const r = await runCli(['--adapter', 'test/fixtures/faults/encode-accepts-empty-fields.ts', '--check', 'reject.encode.refuses.*']);
    expect(r.code).toBe(1);
    const timeless = (t: string) => t.replace(/\d+ ms/g, 'N ms');
    // a busy machine may hold a call up: it is stopped, answered when tried again alone, and the restart said
    const forgiven = /^restarted the adapter during .*: it did not return within \d+ ms.*\n/gm;
    expect(timeless(r.stdout.replace(forgiven, ''))).toContain(timeless(excerpt));
  });
});

describe('README: comparing codecs (--diff)', () => {
  const at = readme.indexOf('### Comparing codecs (--diff)');
  const block = (from: number) => {
    const start = readme.indexOf('```\n', from) + 4;
    return { text: readme.slice(start, readme.indexOf('```\n', start)), end: readme.indexOf('```\n', start) + 4 };
  };

  it('shows the --help text of both options as --help prints it', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const help = await runCli(['--help']);
    expect(help.stdout).toContain(block(at).text);
    expect(block(at).text).toMatch(/^ {2}--diff .*\n[\s\S]*^ {2}--diff-gate /m);
  });

  it('shows what the command it names prints', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const intro = readme.indexOf('npx conformance --adapter reference --adapter test/fixtures/diff/bare-to.ts --diff\n', at);
    expect(intro).toBeGreaterThan(at);
    const excerpt = block(readme.indexOf('```\n', intro) + 4).text;
    expect(excerpt).toMatch(/^Differences \(--diff: reference, bare-to; seed 20260\)/m);
    const r = await runCli(['--adapter', 'reference', '--adapter', 'test/fixtures/diff/bare-to.ts', '--diff']);
    expect(r.code).toBe(0);
    // a busy machine may hold a call up: it is stopped, answered when tried again alone, and the restart said
    const forgiven = /^restarted .* during diff\.\w+: it did not return within \d+ ms \(to be confirmed\)\n/gm;
    expect(r.stdout.replace(forgiven, '')).toContain(excerpt);
  });
});
