/**
 * The differential mode in every reporter: a Differences section after the
 * matrix that says whether the findings are informational, each distinct
 * disagreement with its input and every answer; codec-controlled text in it
 * escaped as everywhere else; the JSON report valid against the shipped
 * schema; a JUnit `differential` testsuite whose cases fail only under
 * --diff-gate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { htmlReport, jsonReport, junitXml, markdownReport } from '../../reports/index.js';
import { visible } from '../../reports/_internals/visible.js';
import { run, runDiff, sessionExitCode, type DiffResult, type RunResult, type SessionResult } from '../../runner/index.js';
import { elementChildren, parseXml } from '../../spec/index.js';
import { MARKDOWN_ATTACKS, TERMINAL_ATTACKS } from '../fixtures/hostile/_attacks.js';
import { ROOT } from '../helpers/cli.js';
import { rawHidden, renderMarkdown, resolveRefs, tagsOf } from '../helpers/hidden.js';
import { consoleText } from '../helpers/reports.js';
import { sessionOf } from '../helpers/session.js';

const BARE_TO = join(ROOT, 'test', 'fixtures', 'diff', 'bare-to.ts');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')),
);

let runs: RunResult[];
let found: DiffResult;
beforeAll(async () => {
  const adapters = [await loadAdapter('reference'), await loadAdapter(BARE_TO)];
  // one at a time, as a session runs them: a codec in this process holds stdout while it runs
  runs = [];
  for (const adapter of adapters) runs.push(await run({ adapter, checks: ['reject.reply.to'], runs: 5, isolation: false }));
  found = await runDiff({ adapters, runs: 10, isolation: false });
});

/** The session the CLI would make of `diff` (its exit code as the CLI decides it). */
function withDiff(diff: DiffResult): SessionResult {
  const s = sessionOf(...runs);
  return { ...s, diff, exitCode: sessionExitCode(s.results, s.errors, diff) };
}

const section = (text: string) => text.slice(text.indexOf('\nDifferences (--diff'));

describe('every reporter shows the differences', () => {
  it('the console: after the matrix, informational without --diff-gate, the one disagreement with its input and both answers', () => {
    const text = consoleText(withDiff(found));
    expect(text.indexOf('Matrix (seed')).toBeLessThan(text.indexOf('Differences (--diff'));
    const lines = section(text).trim().split('\n');
    expect(lines).toContain('  informational: a disagreement does not fail the run (--diff-gate makes it fail)');
    expect(lines.filter((l) => l.startsWith('≠ '))).toEqual([
      expect.stringMatching(/^≠ reply · <call to>: reference gives ".+", bare-to gives ".+"$/),
    ]);
    expect(lines.some((l) => l.startsWith('  input: '))).toBe(true);
    expect(lines.at(-1)).toBe('every adapter passed the gate');
  });

  it('the JSON report: the diff, valid against the shipped schema (format 1.3); outcome failed only under --diff-gate', () => {
    for (const gate of [false, true]) {
      const report = JSON.parse(JSON.stringify(jsonReport(withDiff({ ...found, gate }))));
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report).toMatchObject({
        formatMinorVersion: 4,
        outcome: gate ? 'failed' : 'passed',
        exitCode: gate ? 1 : 0,
        diff: { gate, informational: !gate, total: 1 },
      });
      expect(report.diff.disagreements[0].input.value).toEqual(JSON.parse(JSON.stringify(found.disagreements[0]!.input)));
      expect(report.diff.disagreements[0].answers[1].value.text).toMatch(/^"<call /);
    }
    expect(JSON.stringify(jsonReport(sessionOf(...runs)))).not.toContain('"diff"');
  });

  it('JUnit: a differential testsuite, one testcase per operation; the one that disagrees is skipped (informational), a failure under --diff-gate', () => {
    for (const gate of [false, true]) {
      const { root } = parseXml(junitXml(withDiff({ ...found, gate })));
      const suite = elementChildren(root).find((e) => e.attrs.name === 'differential')!;
      const cases = elementChildren(suite).filter((e) => e.name === 'testcase');
      expect(
        cases.map((c) => [
          c.attrs.name,
          elementChildren(c)
            .map((x) => x.name)
            .join(),
        ]),
      ).toEqual([
        ['diff.encode', 'system-out'],
        ['diff.roundtrip', 'system-out'],
        ['diff.decode', 'system-out'],
        ['diff.reply', gate ? 'failure' : 'skipped'],
      ]);
      expect(suite.attrs).toMatchObject({ tests: '4', failures: gate ? '1' : '0', skipped: gate ? '0' : '1' });
      expect(root.attrs.failures).toBe(gate ? '1' : '0');
      const reply = elementChildren(cases[3]!)[0]!;
      expect(reply.attrs.message).toMatch(
        gate
          ? /^1 distinct disagreement: <call to>: /
          : /^informational, not gating \(--diff-gate makes it fail\): 1 distinct disagreement: <call to>: /,
      );
    }
  });

  it('Markdown and HTML: a Differences section saying the findings are informational', () => {
    const md = markdownReport(withDiff(found));
    expect(md).toContain('### Differences (--diff)');
    expect(md).toContain('ℹ️ informational: a disagreement does not fail the run (--diff-gate makes it fail).');
    expect(md).toMatch(/#### ≠ `reply`: ` <call to>: reference gives ".+", bare-to gives ".+" `/);
    const html = htmlReport(withDiff(found));
    expect(html).toContain(
      '<p class="gate informational" id="diff-standing">informational: a disagreement does not fail the run (--diff-gate makes it fail)</p>',
    );
    expect(html.indexOf('id="matrix"')).toBeLessThan(html.indexOf('id="differences"'));
  });

  it('past the bound, the disagreements not shown are counted', () => {
    const [d] = found.disagreements;
    const many: DiffResult = {
      ...found,
      total: 14,
      compared: found.compared.map((c) => (c.operation === 'reply' ? { ...c, distinct: 14 } : c)),
    };
    for (const text of [
      consoleText(withDiff(many)),
      markdownReport(withDiff(many)),
      htmlReport(withDiff(many)),
      resolveRefs(junitXml(withDiff(many))),
    ]) {
      expect(text).toContain('… and 13 more distinct disagreements of reply');
    }
    expect(d).toBeDefined();
  });
});

const HOSTILE = [...Object.entries(TERMINAL_ATTACKS), ...Object.entries(MARKDOWN_ATTACKS)];

/** `found` with every codec-controlled text in it holding `h`. */
function hostile(h: string): DiffResult {
  const [d] = found.disagreements;
  const label = (i: number) => `codec ${i} ${h}`;
  return {
    ...found,
    adapters: found.adapters.map((a, i) => ({ ...a, label: label(i), name: label(i), specifier: `specifier ${h}` })),
    disagreements: [
      {
        ...d!,
        kind: `kind ${h}`,
        seenIn: [`kind ${h}`],
        input: { callId: `input ${h}` },
        difference: `difference ${h}`,
        answers: [
          { adapter: label(0), outcome: 'returned', value: `value ${h}`, meaning: { '<call to>': `meaning ${h}` } },
          { adapter: label(1), outcome: 'threw', error: `error ${h}` },
        ],
      },
    ],
    skipped: [{ operation: 'decode', reason: `reason ${h}` }],
    restarts: [{ adapter: label(1), during: 'diff.reply', reason: `restart ${h}` }],
    warnings: [`warning ${h}`],
  };
}

describe('codec-controlled text in the differences', () => {
  it.each(HOSTILE)('%s: no raw control or invisible character, no live link or HTML, JUnit well-formed, JSON exact', (_, h) => {
    const s = withDiff(hostile(h));
    const markdown = markdownReport(s);
    const out = {
      console: section(consoleText(s)),
      junit: resolveRefs(junitXml(s)),
      markdown,
      rendered: renderMarkdown(markdown),
      html: resolveRefs(htmlReport(s)),
    };
    for (const [name, text] of Object.entries(out)) expect(rawHidden(text), name).toEqual([]);
    expect(out.console).not.toContain('\u001b');
    for (const [name, text] of Object.entries({ console: out.console, junit: out.junit, markdown: out.markdown, html: out.html })) {
      expect(text, name).toContain(`difference ${visible(h)}`);
    }
    // what a codec threw, each on its own line where lines are the report's (a returned value is shown quoted, as every report shows values)
    const line = out.console.split('\n').find((l) => l.startsWith(`  codec 1 ${visible(h)}:`));
    expect(line?.slice(`  codec 1 ${visible(h)}:`.length).trimStart()).toBe(`threw: error ${visible(h)}`);
    expect(out.junit.split('\n').filter((l) => l.includes('threw'))).toEqual([
      `codec 1 ${visible(h)}: threw: error ${visible(h)}</skipped>`,
    ]);
    // in a Markdown table cell a backslash shows as its escape (a backslash before a pipe would end the cell)
    expect(resolveRefs(out.rendered.replace(/<[^>]+>/g, ''))).toContain(`threw: error ${visible(h.replace(/\\/g, '\\u005C'))}`);
    expect(out.html).toContain(`threw: error ${visible(h)}`);
    for (const text of [out.console, out.junit]) {
      expect(text).toContain(`warning ${visible(h)}`);
      // no line of the codec's own
      expect(text.split('\n').filter((l) => /^ {2}✓ must/.test(l))).toEqual([]);
    }
    const tags = [...tagsOf(out.rendered)].filter(
      (t) =>
        ![
          'h2',
          'h3',
          'h4',
          'p',
          'table',
          'thead',
          'tbody',
          'tr',
          'th',
          'td',
          'code',
          'pre',
          'strong',
          'ul',
          'li',
          'details',
          'summary',
          'br',
        ].includes(t),
    );
    expect(tags).toEqual([]);
    const html = htmlReport(s);
    expect(
      [...tagsOf(html)].filter(
        (t) =>
          ![
            'html',
            'head',
            'meta',
            'title',
            'style',
            'body',
            'h1',
            'h2',
            'h3',
            'p',
            'span',
            'table',
            'tr',
            'th',
            'td',
            'a',
            'code',
            'div',
            'section',
            'pre',
            'strong',
            'details',
            'summary',
          ].includes(t),
      ),
    ).toEqual([]);
    expect(() => parseXml(junitXml(s))).not.toThrow();
    const json = JSON.parse(JSON.stringify(jsonReport(s)));
    expect(json.diff.disagreements[0].difference).toBe(`difference ${h}`);
    expect(json.diff.disagreements[0].answers[1].error).toBe(`error ${h}`);
    expect(json.diff.disagreements[0].answers[0].value.value).toBe(`value ${h}`);
  });
});
