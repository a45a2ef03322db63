/**
 * Every reporter shows every failing kind a check reports, and what each
 * check covered: run in-process on fault fixtures with many failing kinds
 * (a codec that skips JID validation fails all 96 malformed-JID kinds: ten
 * are reported, the rest counted), and on the reference codec, which passes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { listChecks, listKinds } from '../../cli/list.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { htmlReport, isJsonReport, jsonReport, junitXml, markdownReport, summaryLine } from '../../reports/index.js';
import { kindsOf } from '../../runner/kinds.js';
import { MAX_FAILURES_SHOWN, run, type CheckResult, type FailureDetail, type RunResult, type SessionResult } from '../../runner/index.js';
import { elementChildren, parseXml, reasonList, type XmlElement } from '../../spec/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import emptyFields from '../fixtures/faults/encode-accepts-empty-fields.js';
import skipsJids from '../fixtures/faults/encode-skips-jid-validation.js';
import { malformedJidKindsFor } from '../../arbitraries/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { resolveRefs } from '../helpers/hidden.js';
import { consoleText } from '../helpers/reports.js';
import { sessionOf } from '../helpers/session.js';

const JIDS = 'reject.encode.refuses.malformed-jid';
/** Malformed-JID kinds: each shape of the table in each JID attribute. */
/** The encode check's malformed-JID kinds: each attribute's (structural kinds in all three, character kinds spread over them). */
const N = [0, 1, 2].reduce((sum, slot) => sum + malformedJidKindsFor(slot).length, 0);
/** How many of them an encoder that skips JID validation fails on XML: all but the C0 controls, which its XML writer refuses. */
const F = [0, 1, 2].reduce((sum, slot) => sum + malformedJidKindsFor(slot, 'stanza').length, 0);
const EMPTY = 'reject.encode.refuses.empty-attribute';
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')),
);

let many: RunResult;
let few: RunResult;
let passing: RunResult;
let session: SessionResult;
beforeAll(async () => {
  [many, few, passing] = await Promise.all([
    run({ adapter: { adapter: skipsJids, specifier: './skips.ts' }, checks: [JIDS, 'reject.encode.from'], runs: 5 }),
    run({ adapter: { adapter: emptyFields, specifier: './empty.ts' }, checks: [EMPTY], runs: 5 }),
    run({ adapter: { adapter: referenceXmlAdapter(), specifier: 'reference' }, checks: [JIDS, EMPTY], runs: 5 }),
  ]);
  session = sessionOf(many, few);
});

const check = (r: RunResult, id: string): CheckResult => r.checks.find((c) => c.id === id)!;
const total = (r: RunResult) => r.checks.reduce((n, c) => n + (c.coverage?.kinds ?? 0), 0);
const all = (el: XmlElement, name: string): XmlElement[] => [
  ...(el.name === name ? [el] : []),
  ...elementChildren(el).flatMap((c) => all(c, name)),
];

describe('the runs the reporters are shown', () => {
  it('a check with more failing kinds than are reported, one with fewer, and passing ones', () => {
    const jids = check(many, JIDS);
    expect(jids.coverage).toEqual({ kinds: N, tried: N, failed: F });
    expect(jids.failures).toHaveLength(MAX_FAILURES_SHOWN);
    expect(new Set(jids.failures!.map((f) => f.kind)).size).toBe(MAX_FAILURES_SHOWN);
    expect(check(few, EMPTY).failures!.map((f) => f.kind)).toEqual(
      ['from', 'to', 'id', 'callId', 'callCreator'].map((a) => `empty-attribute:${a}`),
    );
    expect(passing.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
  });
});

describe('the console', () => {
  it('says on a passing check line how many kinds it tried', () => {
    const text = consoleText(sessionOf(passing));
    const c = check(passing, JIDS);
    expect(text).toContain(`✓ must   ${JIDS}  ${c.runs} runs, ${N}/${N} kinds, ${c.durationMs} ms`);
    expect(text).toMatch(/✓ must {3}reject\.encode\.refuses\.empty-attribute {2}\d+ runs, 5\/5 kinds, \d+ ms$/m);
    expect(text).toMatch(new RegExp(`^coverage: ${total(passing)} of ${total(passing)} kinds tried across 2 checks; no kind failed$`, 'm'));
  });

  it('shows the first failing kind in full, each further one with its kind, message and reproduce command, then how many more', () => {
    const text = consoleText(session);
    const jids = check(many, JIDS);
    const [first, ...rest] = jids.failures!;
    expect(text).toContain(`✗ must   ${JIDS}  FAILED (gating), ${F} of ${N} kinds failed`);
    const block = text.slice(text.indexOf(`✗ ${JIDS} (must, gating)`), text.indexOf(`… and ${F - 10} more failing kinds`));
    expect(block).toContain(`  kind:            ${first!.kind}\n  what happened:   ${first!.message}\n  expected:`);
    expect(block).toContain(`  reproduce:       ${first!.reproduce}\n`);
    for (const f of rest)
      expect(block).toContain(`  · kind:          ${f.kind}\n    what happened: ${f.message}\n    reproduce:     ${f.reproduce}\n`);
    // Only the first shows its counterexample in full.
    expect(block.match(/counterexample: /g)).toHaveLength(1);
    expect(text).toContain(`… and ${F - 10} more failing kinds (each marked in the JSON report's kinds table)`);
  });

  it('says no "more" when every failing kind is shown, and ends each run with its coverage totals above the summary line, whose format stays', () => {
    const text = consoleText(session);
    const empty = text.slice(text.indexOf(`✗ ${EMPTY}`));
    for (const f of check(few, EMPTY).failures!) expect(empty).toContain(f.reproduce);
    expect(empty).not.toContain('more failing kind');
    const lines = text.split('\n');
    const summary = lines.findIndex((l) => l.startsWith(`${many.adapter.name}: ${summaryLine(many)} in `));
    expect(summary).toBeGreaterThan(0);
    expect(lines[summary - 1]).toBe(`coverage: ${total(many)} of ${total(many)} kinds tried across 2 checks; ${F} kinds failed in 1 check`);
    expect(lines[summary]).toMatch(/: 1 passed, 1 failed, 0 skipped in \d+ ms · gate: FAILED, 1 gating check failed$/);
    expect(text).toContain('coverage: 5 of 5 kinds tried across 1 check; 5 kinds failed in 1 check');
  });
});

describe('the JSON report', () => {
  it('holds every reported failure with its kind, the coverage and the kinds table, valid against the shipped schema (fields since format 1.2)', () => {
    const text = `${JSON.stringify(jsonReport(session), null, 2)}\n`;
    const report = JSON.parse(text);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ formatVersion: 1, formatMinorVersion: 4 });
    expect(isJsonReport(text), 'a later run still knows the file for its own').toBe(true);
    const jids = check(many, JIDS);
    const c = report.adapters[0].checks.find((x: { id: string }) => x.id === JIDS);
    expect(c.failures.map((f: FailureDetail) => [f.kind, f.replayKind, f.reproduce])).toEqual(
      jids.failures!.map((f) => [f.kind, f.replayKind, f.reproduce]),
    );
    expect(c.failure).toEqual(c.failures[0]);
    expect(c.coverage).toEqual({ kinds: N, tried: N, failed: F });
    expect(c.kinds).toHaveLength(N);
    expect(c.kinds.every((k: { cases: number }) => k.cases >= 1)).toBe(true);
    expect(c.kinds.filter((k: { failed?: boolean }) => k.failed === true)).toHaveLength(F);
    const from = report.adapters[0].checks.find((x: { id: string }) => x.id === 'reject.encode.from');
    expect(from).toMatchObject({ status: 'passed', coverage: { failed: 0 } });
    // The rule as text (since 1.0) and as data (since 1.4).
    expect(from).toMatchObject({
      ref: 'spec page § Attributes (<call from>)',
      reference: { doc: 'spec page', section: 'Attributes', point: '<call from>' },
    });
    expect(from.failures).toBeUndefined();
    expect(from.kinds.some((k: { failed?: boolean }) => 'failed' in k)).toBe(false);
  });

  it('a report without the minor version (1.0) is still known for one of this tool', () => {
    const old = JSON.stringify({ ...jsonReport(session), formatMinorVersion: undefined }, null, 2);
    expect(old).not.toContain('formatMinorVersion');
    expect(isJsonReport(old)).toBe(true);
  });
});

describe('the JUnit report', () => {
  it('lists every reported failing kind in the failure text, and each testcase says its coverage', () => {
    const xml = junitXml(session);
    const { root } = parseXml(xml);
    const cases = all(root, 'testcase');
    const jids = cases.find((c) => c.attrs.name === JIDS)!;
    const failure = elementChildren(jids).find((e) => e.name === 'failure')!;
    const text = resolveRefs(failure.children.join(''));
    for (const [i, f] of check(many, JIDS).failures!.entries()) {
      expect(text).toContain(`kind: ${f.kind}\n`);
      expect(text).toContain(`reproduce: ${f.reproduce}`);
      if (i > 0)
        expect(text).toContain(`failing kind ${i + 1} of ${F}:\nkind: ${f.kind}\nwhat happened: ${f.message}\nreproduce: ${f.reproduce}`);
    }
    expect(text.endsWith(`\n… and ${F - 10} more failing kinds`)).toBe(true);
    const out = (name: string) =>
      elementChildren(cases.find((c) => c.attrs.name === name)!)
        .find((e) => e.name === 'system-out')!
        .children.join('');
    expect(out(JIDS)).toBe(`coverage: ${N}/${N} kinds tried, ${F} failed`);
    expect(out('reject.encode.from')).toMatch(/^coverage: (\d+)\/\1 kinds tried, 0 failed$/);
    expect(root.attrs.failures).toBe('2');
  });
});

describe('the Markdown report', () => {
  it('shows each reported failing kind with its counterexample and reproduce command, then how many more, and a coverage table per adapter', () => {
    const md = markdownReport(session);
    const jids = check(many, JIDS);
    const at = md.indexOf(`#### ❌ \`${JIDS}\``);
    const section = md.slice(at, md.indexOf('####', at + 1));
    for (const f of jids.failures!) {
      expect(section).toContain(`**Kind:** \` ${f.kind} \` · **What happened:** \` ${f.message} \``);
      expect(section).toContain(`\`\`\`sh\n${f.reproduce}\n\`\`\``);
    }
    expect(section.match(/Counterexample \(shrunk\):/g)).toHaveLength(MAX_FAILURES_SHOWN);
    expect(section).toContain('<details><summary>9 more failing kinds, each with its own counterexample</summary>');
    expect(section).toContain(`… and ${F - 10} more failing kinds (the JSON and HTML reports mark every one).`);
    expect(md).toContain('### Coverage');
    expect(md).toContain(
      `\` ${many.adapter.name} \`: ${total(many)} of ${total(many)} kinds tried across 2 checks; ${F} kinds failed in 1 check`,
    );
    expect(md).toMatch(new RegExp(`^\\| \` ${JIDS.replace(/\./g, '\\.')} \` \\| ${N}/${N} kinds \\| ${F} \\|$`, 'm'));
    expect(md).toMatch(/^\| ` reject\.encode\.refuses\.empty-attribute ` \| 5\/5 kinds \| 5 \|$/m);
  });
});

describe('the HTML report', () => {
  it('shows each reported failing kind with expected, received, counterexample and reproduce, and every kind of every check in the coverage table', () => {
    const html = htmlReport(session);
    const jids = check(many, JIDS);
    const at = html.indexOf(`<h3>${JIDS} on `);
    const section = html.slice(at, html.indexOf('</section>', at));
    expect(section.match(/<pre class="reproduce">/g)).toHaveLength(MAX_FAILURES_SHOWN);
    expect(section.match(/<pre class="received">/g)).toHaveLength(MAX_FAILURES_SHOWN);
    for (const f of jids.failures!) expect(resolveRefs(section)).toContain(`<strong>Kind:</strong> <code class="kind">${f.kind}</code>`);
    expect(section.match(/<details class="kind-failure">/g)).toHaveLength(MAX_FAILURES_SHOWN - 1);
    expect(section).toContain(`… and ${F - 10} more failing kinds`);
    const coverage = html.slice(html.indexOf('<h2>Coverage</h2>'));
    for (const k of jids.kinds!.filter((x) => x.failed))
      expect(coverage).toContain(`<tr class="fail"><td>${k.name}</td><td>${k.cases}, failed</td></tr>`);
    expect(coverage).toContain(`<tr><td><code>${JIDS}</code></td><td>${N}/${N} kinds</td><td class="fail">${F}</td>`);
  });
});

describe('--list', () => {
  const reasons = reasonList();
  const stub = { call: () => Promise.reject(new Error('no codec')), callWatching: () => Promise.reject(new Error('no codec')) };
  const names = (id: string, wire: 'xml' | 'node', r = reasons) =>
    kindsOf(
      REJECT_SUITE.find((c) => c.id === id)!,
      { wire, reasons: r, codec: stub },
    ).map((k) => k.name);

  it('keeps the table of checks first and lists, after it, every kind of every check on every wire it applies to', () => {
    const text = `${listChecks(REJECT_SUITE)}\n\n${listKinds(REJECT_SUITE)}`;
    expect(text.startsWith(`${listChecks(REJECT_SUITE)}\n\nKinds of input:`)).toBe(true);
    const kinds = text.slice(text.indexOf('Kinds of input:'));
    let total = 0;
    for (const c of REJECT_SUITE) {
      const head = kinds.match(new RegExp(`^${c.id.replace(/\./g, '\\.')}: (.*)$`, 'm'));
      expect(head, c.id).not.toBeNull();
      const counts = c.wires.map((w) => names(c.id, w).length);
      total += Math.max(...counts);
      for (const [i, w] of c.wires.entries())
        expect(head![1], c.id).toMatch(new RegExp(`\\b${counts[i]} kinds? on (xml and )?${w}\\b|${counts[i]} kinds? on xml and node`));
    }
    const listed = kinds.match(/[\w:.=@+-]+(?=,|$)/gm) ?? [];
    for (const c of REJECT_SUITE) for (const w of c.wires) for (const n of names(c.id, w)) expect(listed, `${c.id} ${n}`).toContain(n);
    expect(kinds).toMatch(new RegExp(`^${total.toLocaleString('en-US')} kinds in ${REJECT_SUITE.length} checks`, 'm'));
  });

  it('says which wire a kind is of where the wires differ, and lists the kinds two checks share once', () => {
    const text = listKinds(
      REJECT_SUITE.filter((c) => ['reject.decode.layout', 'reject.decode.error-type', 'reject.decode.error-names-culprit'].includes(c.id)),
    );
    const layout = text.slice(text.indexOf('reject.decode.layout:'), text.indexOf('\n\n', text.indexOf('reject.decode.layout:')));
    const xmlOnly = names('reject.decode.layout', 'xml').filter((n) => !names('reject.decode.layout', 'node').includes(n));
    expect(xmlOnly.length).toBeGreaterThan(0);
    expect(layout).toMatch(/^reject\.decode\.layout: \d+ kinds on xml, \d+ kinds on node$/m);
    expect(layout.slice(layout.indexOf('xml only: '), layout.indexOf('node only: '))).toContain(xmlOnly[0]!);
    expect(layout.slice(layout.indexOf('node only: '))).toContain('layout:page-order');
    expect(text).toMatch(
      /^reject\.decode\.error-names-culprit: \d+ kinds on xml, \d+ kinds on node, the same as reject\.decode\.error-type$/m,
    );
    for (const line of text.split('\n').filter((l) => l.startsWith('    '))) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('lists the kinds of the extended reason list when given one', () => {
    const extended = reasonList(['do_not_disturb']);
    const more = names('reject.encode.reason', 'xml', extended).filter((n) => !names('reject.encode.reason', 'xml').includes(n));
    expect(more.length).toBeGreaterThan(0);
    const only = REJECT_SUITE.filter((c) => c.id === 'reject.encode.reason');
    for (const n of more) {
      expect(listKinds(only, extended)).toContain(n);
      expect(listKinds(only)).not.toContain(n);
    }
  });

  it('the CLI prints the kinds after the table, with the reasons --extra-reason adds, and refuses a bad one with exit 2', async () => {
    const r = await runCli(['--list', '--check', 'reject.encode.reason', '--extra-reason', 'do_not_disturb']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^reject\.encode\.reason\s+must\s+xml\+node\s+.*\n\n1 checks\n\nKinds of input:/m);
    const more = names('reject.encode.reason', 'xml', reasonList(['do_not_disturb'])).filter(
      (n) => !names('reject.encode.reason', 'xml').includes(n),
    );
    for (const n of more) expect(r.stdout).toContain(n);
    const bad = await runCli(['--list', '--extra-reason', 'two words']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^conformance: --extra-reason: reason extension "two words": expected /);
  });
});
