/**
 * The suite's own tricky-character tables (every entry of TRICKY_CHAR_TABLE,
 * CHAR_TABLE, UNENCODABLE_CHARS and TEXT_EDGE_TABLE), and terminal and
 * Markdown attacks, put into every codec-controlled field of a result
 * (adapter name and version, message, expected, received, counterexample,
 * kind names, skip reason, restart, warning, stderr, setup error,
 * expected-failure note), into a failing check's further failing kinds as
 * well as its first, and through every reporter and --list: no raw control
 * or invisible character and no live link, image or HTML comes out,
 * ordinary text comes out as it is, and the JSON report keeps the exact text.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHAR_TABLE, kind, TEXT_EDGE_TABLE, TRICKY_CHAR_TABLE, UNENCODABLE_CHARS } from '../../arbitraries/index.js';
import { listKinds } from '../../cli/list.js';
import { htmlReport, jsonReport, junitXml, markdownReport } from '../../reports/index.js';
import { visible } from '../../reports/_internals/visible.js';
import { run, summarize, type CheckResult, type FailureDetail, type RunResult, type SessionResult } from '../../runner/index.js';
import { parseXml } from '../../spec/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import trimsCallId from '../fixtures/faults/encode-trims-call-id.js';
import { MARKDOWN_ATTACKS, TERMINAL_ATTACKS } from '../fixtures/hostile/_attacks.js';
import { rawHidden, renderMarkdown, resolveRefs, tagsOf } from '../helpers/hidden.js';
import { consoleText } from '../helpers/reports.js';
import { sessionOf } from '../helpers/session.js';
import { failureError } from '../../vitest-entry/index.js';

const named = (label: string, table: Readonly<Record<string, string>>, put: (c: string) => string): [string, string][] =>
  Object.entries(table).map(([name, c]) => [`${label} ${name}`, put(c)]);

const HOSTILE: [string, string][] = [
  // CHAR_TABLE holds TRICKY_CHAR_TABLE today; both are spread so that neither can drop out unseen.
  ...named('char', { ...TRICKY_CHAR_TABLE, ...CHAR_TABLE }, (c) => `${c}x${c}`),
  ...named('unencodable', UNENCODABLE_CHARS, (c) => `x${c}y`),
  ...named('text edge', TEXT_EDGE_TABLE, (c) => c),
  ...Object.entries(TERMINAL_ATTACKS),
  ...Object.entries(MARKDOWN_ATTACKS),
];
/** The link to the rule a check cites: a Markdown file of the package's docs, at a heading's anchor (the reports are rendered from the project's root). */
const RULE_LINK = /^<a href="docs\/[\w-]+\.md#[\w-]+">$/;
const ORDINARY = ['é', '日本', 'Ünïcödé', 'हिन्दी', '😀', 'a-b_c.d'];

let base: RunResult;
beforeAll(async () => {
  base = await run({
    adapter: { adapter: trimsCallId, specifier: './trims.ts' },
    checks: ['reject.encode.call-id', 'reject.hygiene.decode-input'],
    runs: 5,
  });
});

/** A failure of the kind `kind`, every field of it holding `h`. */
function failureOf(h: string, which: string): FailureDetail {
  return {
    code: 'mismatch',
    seed: 1,
    path: '0:1',
    shrinks: 2,
    kind: `${which} kind ${h}`,
    replayKind: `${which} kind ${h}`,
    reproduce: `npx conformance --adapter ./trims.ts --kind '${which} kind ${h}'`,
    message: `${which} message ${h}`,
    expected: `${which} expected ${h}`,
    received: { callId: `${which} received ${h}` },
    counterexample: { callId: `${which} counterexample ${h}` },
  };
}

/** A session whose every codec-controlled field holds `h`; the failing check has three failing kinds shown and one more counted. */
function hostileSession(h: string): SessionResult {
  const [checked, skipped] = base.checks as [CheckResult, CheckResult];
  const failure = {
    ...failureOf(h, 'first'),
    message: `message ${h}`,
    expected: `expected ${h}`,
    received: { callId: `received ${h}` },
    counterexample: { callId: `counterexample ${h}` },
  };
  const failures = [failure, failureOf(h, 'second'), failureOf(h, 'third')];
  const kinds = [
    ...failures.map((f) => ({ name: f.kind!, cases: 1, failed: true })),
    { name: `fourth kind ${h}`, cases: 1, failed: true },
    { name: `passing kind ${h}`, cases: 3 },
  ];
  const checks: CheckResult[] = [
    { ...checked, status: 'failed', gating: true, failure, failures, coverage: { kinds: 5, tried: 5, failed: 4 }, kinds },
    { ...skipped, skipReason: `skip ${h}` },
    {
      ...checked,
      id: 'reject.encode.from',
      status: 'expected-failure',
      failure,
      failures,
      expected: { file: 'x.yaml', note: `note ${h}` },
    },
  ];
  const one = (name: string): RunResult => ({
    ...base,
    adapter: { ...base.adapter, name: `${name} ${h}`, version: `version ${h}` },
    checks,
    summary: summarize(checks),
    warnings: [`warning ${h}`],
    restarts: [{ check: `check ${h}`, reason: `reason ${h}` }],
    stderr: `stderr ${h}`,
  });
  return { ...sessionOf(one('name'), one('second')), errors: [{ specifier: `specifier ${h}`, message: `error ${h}` }], exitCode: 2 };
}

/** Every report of `s`, as its reader reads it. */
function reports(s: SessionResult) {
  const markdown = markdownReport(s);
  return {
    console: consoleText(s),
    colour: consoleText(s, true).replace(/\u001b\[\d+m|\r\u001b\[K/g, ''),
    junit: resolveRefs(junitXml(s)),
    markdown,
    rendered: renderMarkdown(markdown),
    html: resolveRefs(htmlReport(s)),
  };
}

describe('codec-controlled text in every reporter', () => {
  it.each(HOSTILE)('%s: no raw control or invisible character reaches any report', (_, h) => {
    const out = reports(hostileSession(h));
    for (const [name, text] of Object.entries(out)) expect(rawHidden(text), name).toEqual([]);
    expect(out.console).not.toContain('\u001b');
    expect(out.colour).not.toContain('\u001b');
    for (const [name, text] of Object.entries({ console: out.console, markdown: out.markdown, junit: out.junit, html: out.html })) {
      expect(text, name).toContain(`name ${visible(h)}`);
      expect(text, name).toContain(`message ${visible(h)}`);
      // Every failing kind shown, not just the first: its kind, its message and its reproduce command.
      for (const which of ['first', 'second', 'third']) expect(text, `${name}: ${which}`).toContain(`${which} kind ${visible(h)}`);
      for (const which of ['second', 'third']) {
        expect(text, `${name}: ${which}`).toContain(`${which} message ${visible(h)}`);
        expect(text, `${name}: ${which}`).toContain(`--kind '${which} kind ${visible(h)}'`);
      }
      expect(text, name).toContain('… and 1 more failing kind');
    }
    for (const text of [out.markdown, out.html]) expect(text).toContain(`second counterexample`);
    // The HTML shows each kind of the table, passing ones too.
    expect(out.html).toContain(`passing kind ${visible(h)}`);
    for (const text of [out.console, out.junit])
      for (const field of ['reason', 'warning', 'error']) expect(text).toContain(`${field} ${visible(h)}`);
  });

  it.each(HOSTILE)('%s: no line of the console is forged', (_, h) => {
    const lines = reports(hostileSession(h)).console.split('\n');
    expect(lines.filter((l) => /^ {2}✓ must/.test(l))).toEqual([]);
  });

  it.each(HOSTILE)('%s: the Markdown renders no link, image or HTML of the codec', (_, h) => {
    const { rendered } = reports(hostileSession(h));
    const tags = [...tagsOf(rendered)].filter(
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
          'a',
        ].includes(t),
    );
    expect(tags).toEqual([]);
    // The one link is the tool's own: the rule the check cites, in the package's docs.
    const links = [...rendered.matchAll(/<a\b[^>]*>/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) expect(a).toMatch(RULE_LINK);
    const text = resolveRefs(rendered.replace(/<[^>]+>/g, ''));
    expect(text).toContain(`message ${visible(h)}`);
    expect(text).toContain(`third message ${visible(h)}`);
    const row = rendered.match(/<tbody>\s*<tr>([\s\S]*?)<\/tr>/)![1]!;
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => resolveRefs(m[1]!.replace(/<[^>]+>/g, '')));
    // In a cell a backslash shows as its escape (a backslash before a pipe would end the cell).
    const inCell = visible(h.replace(/\\/g, '\\u005C'));
    expect(cells.slice(0, 2), 'the summary row keeps its cells').toEqual([`name ${inCell} version ${inCell}`, 'xml']);
  });

  it.each(HOSTILE)('%s: the HTML page has no element of the codec and links only within itself', (_, h) => {
    const html = htmlReport(hostileSession(h));
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
    for (const m of html.matchAll(/<a\b[^>]*>/g))
      expect(m[0]).toMatch(new RegExp(`^<a href="#f-[\\w.-]+">$|${RULE_LINK.source.replace('<a href', '<a class="rule" href')}`));
  });

  it.each(HOSTILE)('%s: the JSON report keeps the exact text, and parses', (_, h) => {
    const json = JSON.parse(JSON.stringify(jsonReport(hostileSession(h))));
    expect(json.adapters[0].name).toBe(`name ${h}`);
    expect(json.adapters[0].checks[0].failure.message).toBe(`message ${h}`);
    const [check] = json.adapters[0].checks;
    expect(check.failures.map((f: FailureDetail) => [f.kind, f.replayKind, f.message])).toEqual(
      ['first', 'second', 'third'].map((w) => [`${w} kind ${h}`, `${w} kind ${h}`, `${w === 'first' ? '' : `${w} `}message ${h}`]),
    );
    expect(check.failures[2].received.value).toEqual({ callId: `third received ${h}` });
    expect(check.kinds.map((k: { name: string }) => k.name)).toEqual(
      ['first', 'second', 'third', 'fourth', 'passing'].map((w) => `${w} kind ${h}`),
    );
    expect(json.adapters[0].warnings).toEqual([`warning ${h}`]);
  });

  it.each(HOSTILE)('%s: a stanza-conformance/vitest failure shows it visibly, the message on its one line', (_, h) => {
    const lines = failureError(hostileSession(h).results[0]!.checks[0]!).message.split('\n');
    expect(rawHidden(lines.join('\n'))).toEqual([]);
    const at = lines.findIndex((l) => l.startsWith('what happened: '));
    expect(lines[at]).toBe(`what happened: message ${visible(h)}`);
    expect(lines[at + 1]).toMatch(/^expected: /);
    expect(lines[at - 1]).toBe(`kind: first kind ${visible(h)}`);
    for (const which of ['second', 'third']) {
      const k = lines.indexOf(`kind: ${which} kind ${visible(h)}`);
      expect(k, which).toBeGreaterThan(at);
      expect(lines[k + 1]).toBe(`what happened: ${which} message ${visible(h)}`);
    }
  });

  it.each(HOSTILE)('%s: --list shows a kind name visibly, on its own lines', (_, h) => {
    const check = { ...REJECT_SUITE[0]!, kinds: () => [kind(`kind ${h}`, fc.constant(null)), kind('next', fc.constant(null))] };
    const text = listKinds([check]);
    expect(rawHidden(text)).toEqual([]);
    expect(text).toContain(`kind ${visible(h)},`);
    expect(text).toMatch(/ next$/m);
  });

  it('JUnit stays well-formed XML whatever the text', () => {
    for (const [, h] of HOSTILE) expect(() => parseXml(junitXml(hostileSession(h))), h).not.toThrow();
  });

  it.each(ORDINARY)('ordinary text %s reads as it is in every report', (o) => {
    const out = reports(hostileSession(o));
    for (const name of ['console', 'markdown', 'junit', 'html'] as const) {
      expect(out[name], name).toContain(`name ${o}`);
      expect(out[name], name).toContain(`message ${o}`);
      expect(out[name], name).toContain(`received ${o}`);
      expect(out[name], name).toContain(`second kind ${o}`);
      expect(out[name], name).toContain(`third message ${o}`);
    }
  });
});
