/**
 * The suite's own tricky-character tables, and terminal and Markdown
 * attacks, put into every codec-controlled field of a result (adapter name
 * and version, message, expected, received, counterexample, skip reason,
 * restart, warning, stderr, setup error, expected-failure note) and through
 * every reporter: no raw control or invisible character and no live link,
 * image or HTML comes out, ordinary text comes out as it is, and the JSON
 * report keeps the exact text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_ID_EDGES, TRICKY_CHARS, UNENCODABLE_CHARS, XML_SPECIALS, XML_WHITESPACE } from '../../arbitraries/index.js';
import { consoleReporter, htmlReport, jsonReport, junitXml, markdownReport } from '../../reports/index.js';
import { visible } from '../../reports/_internals/visible.js';
import { run, summarize, TOOL, type CheckResult, type RunResult, type SessionResult } from '../../runner/index.js';
import { parseXml } from '../../spec/index.js';
import trimsCallId from '../fixtures/faults/encode-trims-call-id.js';
import { MARKDOWN_ATTACKS, TERMINAL_ATTACKS } from '../fixtures/hostile/_attacks.js';
import { rawHidden, renderMarkdown, resolveRefs, tagsOf } from '../helpers/hidden.js';
import { sessionOf } from '../helpers/session.js';
import { failureError } from '../../vitest-entry/index.js';

const HOSTILE: [string, string][] = [
  ...[...TRICKY_CHARS, ...XML_WHITESPACE, ...XML_SPECIALS].map((c): [string, string] => [`tricky ${JSON.stringify(c)}`, `${c}x${c}`]),
  ...Object.entries(UNENCODABLE_CHARS).map(([k, c]): [string, string] => [`unencodable ${k}`, `x${c}y`]),
  ...CALL_ID_EDGES.map((e, i): [string, string] => [`call-id edge ${i}`, e]),
  ...Object.entries(TERMINAL_ATTACKS),
  ...Object.entries(MARKDOWN_ATTACKS),
];
const ORDINARY = ['é', '日本', 'Ünïcödé', 'हिन्दी', '😀', 'a-b_c.d'];

let base: RunResult;
beforeAll(async () => {
  base = await run({ adapter: { adapter: trimsCallId, specifier: './trims.ts' }, checks: ['reject.encode.call-id', 'reject.hygiene.decode-input'], runs: 5 });
});

/** A session whose every codec-controlled field holds `h`. */
function hostileSession(h: string): SessionResult {
  const [checked, skipped] = base.checks as [CheckResult, CheckResult];
  const failure = { code: 'mismatch' as const, seed: 1, path: '0:1', shrinks: 2, reproduce: 'npx conformance --adapter ./trims.ts', message: `message ${h}`, expected: `expected ${h}`, received: { callId: `received ${h}` }, counterexample: { callId: `counterexample ${h}` } };
  const checks: CheckResult[] = [
    { ...checked, status: 'failed', gating: true, failure, failures: [failure] },
    { ...skipped, skipReason: `skip ${h}` },
    { ...checked, id: 'reject.encode.from', status: 'expected-failure', failure, failures: [failure], expected: { file: 'x.yaml', note: `note ${h}` } },
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

/** What the console reporter prints for `s`, in a pipe and on a colour terminal. */
function consoleText(s: SessionResult, tty: boolean): string {
  let text = '';
  const stream = { isTTY: tty, write: (x: string) => ((text += x), true) } as unknown as NodeJS.WritableStream;
  const reporter = consoleReporter({ stream, env: tty ? { FORCE_COLOR: '1' } : {} });
  for (const r of s.results) {
    reporter.onRunStart?.({ tool: TOOL, adapter: r.adapter, seed: 1, seedWasRandom: false, runs: 5, checks: r.checks.length, extendedReasons: [] });
    for (const [i, c] of r.checks.entries()) reporter.onCheckEnd?.(c, i, r.checks.length);
    reporter.onRunEnd?.(r);
  }
  reporter.onSessionEnd?.(s);
  return text;
}

/** Every report of `s`, as its reader reads it. */
function reports(s: SessionResult) {
  const markdown = markdownReport(s);
  return {
    console: consoleText(s, false),
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
    for (const text of [out.console, out.markdown, out.junit, out.html]) {
      expect(text).toContain(`name ${visible(h)}`);
      expect(text).toContain(`message ${visible(h)}`);
    }
    for (const text of [out.console, out.junit]) for (const field of ['reason', 'warning', 'error']) expect(text).toContain(`${field} ${visible(h)}`);
  });

  it.each(HOSTILE)('%s: no line of the console is forged', (_, h) => {
    const lines = reports(hostileSession(h)).console.split('\n');
    expect(lines.filter((l) => /^ {2}✓ must/.test(l))).toEqual([]);
  });

  it.each(HOSTILE)('%s: the Markdown renders no link, image or HTML of the codec', (_, h) => {
    const { rendered } = reports(hostileSession(h));
    const tags = [...tagsOf(rendered)].filter((t) => !['h2', 'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'strong', 'ul', 'li', 'details', 'summary', 'br'].includes(t));
    expect(tags).toEqual([]);
    const text = resolveRefs(rendered.replace(/<[^>]+>/g, ''));
    expect(text).toContain(`message ${visible(h)}`);
    const row = rendered.match(/<tbody>\s*<tr>([\s\S]*?)<\/tr>/)![1]!;
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => resolveRefs(m[1]!.replace(/<[^>]+>/g, '')));
    // In a cell a backslash shows as its escape (a backslash before a pipe would end the cell).
    const inCell = visible(h.replace(/\\/g, '\\u005C'));
    expect(cells.slice(0, 2), 'the summary row keeps its cells').toEqual([`name ${inCell} version ${inCell}`, 'xml']);
  });

  it.each(HOSTILE)('%s: the HTML page has no element of the codec and links only within itself', (_, h) => {
    const html = htmlReport(hostileSession(h));
    expect([...tagsOf(html)].filter((t) => !['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'span', 'table', 'tr', 'th', 'td', 'a', 'code', 'div', 'section', 'pre', 'strong'].includes(t))).toEqual([]);
    for (const m of html.matchAll(/<a\b[^>]*>/g)) expect(m[0]).toMatch(/^<a href="#f-[\w.-]+">$/);
  });

  it.each(HOSTILE)('%s: the JSON report keeps the exact text, and parses', (_, h) => {
    const json = JSON.parse(JSON.stringify(jsonReport(hostileSession(h))));
    expect(json.adapters[0].name).toBe(`name ${h}`);
    expect(json.adapters[0].checks[0].failure.message).toBe(`message ${h}`);
    expect(json.adapters[0].warnings).toEqual([`warning ${h}`]);
  });

  it.each(HOSTILE)('%s: a stanza-conformance/vitest failure shows it visibly, the message on its one line', (_, h) => {
    const lines = failureError(hostileSession(h).results[0]!.checks[0]!).message.split('\n');
    expect(rawHidden(lines.join('\n'))).toEqual([]);
    const at = lines.findIndex((l) => l.startsWith('what happened: '));
    expect(lines[at]).toBe(`what happened: message ${visible(h)}`);
    expect(lines[at + 1]).toMatch(/^expected: /);
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
    }
  });
});
