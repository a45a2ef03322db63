/**
 * Hostile text through the real CLI: a codec whose name, version, errors,
 * returned values, teardown, setup, stray rejections and load error all try
 * to take over the terminal or the Markdown page. Nothing raw reaches stdout,
 * stderr or any report, and the Markdown renders no link of the codec's.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, runProcess, scratch } from '../helpers/cli.js';
import { rawHidden, renderMarkdown, resolveRefs, tagsOf } from '../helpers/hidden.js';

const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile');
const adapter = (name: string) => join(HOSTILE, `${name}.ts`);

describe('the CLI, with codecs whose every text is an attack', () => {
  it('prints and writes nothing raw, and links nowhere, whatever the codec said', async () => {
    const dir = scratch('hostile-text');
    const r = await runCli([
      '--adapter',
      adapter('terminal-escapes'),
      '--adapter',
      adapter('setup-throws-escapes'),
      '--adapter',
      adapter('stray-escapes'),
      '--check',
      'reject.decode.page-example,reject.decode.character-references,reject.encode.from',
      '--runs',
      '5',
      '--reporter',
      'console',
      '--reporter',
      `markdown:${join(dir, 'r.md')}`,
      '--reporter',
      `junit:${join(dir, 'r.xml')}`,
      '--reporter',
      `html:${join(dir, 'r.html')}`,
      '--reporter',
      `json:${join(dir, 'r.json')}`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('teardown threw');
    expect(r.stdout).toContain('could not be run');
    expect(r.stdout).toContain('restarted the adapter during reject.encode.from');
    const files = ['r.md', 'r.xml', 'r.html'].map((f) => resolveRefs(readFileSync(join(dir, f), 'utf8')));
    expect(rawHidden(r.stderr)).toEqual([]);
    for (const text of [r.stdout, ...files]) {
      expect(rawHidden(text)).toEqual([]);
      expect(text).toContain('\\u001B]');
    }
    const rendered = renderMarkdown(readFileSync(join(dir, 'r.md'), 'utf8'));
    expect(tagsOf(rendered).has('img')).toBe(false);
    // The only links are the tool's own: each failure's rule, in the package's docs.
    for (const m of rendered.matchAll(/<a\b([^>]*)>/g)) {
      const href = /^ href="([^"#]*)#[\w-]+"$/.exec(m[1]!)?.[1];
      expect(href !== undefined && resolve(dir, decodeURIComponent(href)).startsWith(join(ROOT, 'docs')), m[0]).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json.adapters[0].name).toMatch(/^name \u001b\]52;/);
  });

  it('shows an error the adapter module throws on load visibly on stderr', async () => {
    const r = await runCli(['--adapter', adapter('throws-escapes-on-load')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('codec init failed \\u001B[2J');
    expect(rawHidden(r.stderr)).toEqual([]);
  });

  it('shows a stray rejection that ends an in-process run visibly on stderr', async () => {
    const r = await runProcess(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'main.js'), '--adapter', adapter('stray-escapes'), '--check', 'reject.encode.from', '--no-isolation'],
      { cwd: ROOT, env: process.env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('outside any call: \\u001B]0;owned');
    expect(rawHidden(r.stdout + r.stderr)).toEqual([]);
  });
});
