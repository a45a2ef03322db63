/**
 * A hostile capture (huge values, thousands of distinct names, terminal
 * escapes, Markdown and HTML in values) leaves a bounded report that shows
 * every captured text escaped.
 */
import { describe, expect, it } from 'vitest';
import { evidenceConsoleText, evidenceJson, evidenceMarkdown } from '../../reports/evidence/index.js';
import { EVIDENCE_BOUNDS, evidenceReportSchema } from '../../runner/evidence/index.js';
import { scratch } from '../helpers/cli.js';
import { analyze, capture } from './helpers.js';

const node = (callAttrs: Record<string, string>, rejectAttrs: Record<string, string>) =>
  JSON.stringify({
    tag: 'call',
    attrs: { from: 'a@lid', to: 'b@lid', id: '1', ...callAttrs },
    content: [{ tag: 'reject', attrs: { 'call-id': 'c', 'call-creator': 'b@lid', ...rejectAttrs } }],
  });

/** Every string in `value`, keys too. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
        : [];

describe('a hostile capture', () => {
  const dir = scratch('evidence-hostile');
  const lines = [
    node({ from: 'x@[evil](https://e.example)' }, { reason: '<img src=x onerror=alert(1)>', count: '*bold* _it_ `code` | pipe' }),
    node({}, { reason: 'x'.repeat(500_000) }),
    JSON.stringify({
      tag: 'call',
      attrs: { from: 'a@lid', to: 'b@lid', id: '1' },
      content: [
        { tag: 'reject', attrs: { 'call-id': 'c', 'call-creator': 'b@lid' } },
        { tag: `x${'y'.repeat(300_000)}`, attrs: {} },
      ],
    }),
    node({ [`n${'a'.repeat(400_000)}`]: '1' }, {}),
    ...Array.from({ length: 300 }, (_, i) =>
      node({ [`attr-${i}`]: '\u001b[2J' }, { reason: `r${i}\u001b]0;pwned\u0007`, 'call-id': `id-${i}` }),
    ),
    ...Array.from({ length: 300 }, (_, i) => JSON.stringify({ tag: `t${i}<script>alert(1)</script>`, attrs: {} })),
  ];
  const file = capture(dir, 'hostile.jsonl', `${lines.join('\n')}\n`);
  const r = analyze([file]);

  it('keeps a bounded report, saying how much it left out', () => {
    const json = evidenceJson(r);
    expect(json.length).toBeLessThan(400_000);
    expect(evidenceReportSchema.parse(JSON.parse(json))).toEqual(JSON.parse(json));
    const { reasonSet, autoReject, terminateAfterReject } = r.questions;
    const findings = [reasonSet.finding, autoReject.finding, terminateAfterReject.finding];
    expect(
      Math.max(
        ...strings(r)
          .filter((s) => !findings.includes(s))
          .map((s) => s.length),
      ),
    ).toBeLessThanOrEqual(Math.max(EVIDENCE_BOUNDS.messageChars, file.length + 10));
    // a finding names at most ten values, each bounded
    expect(Math.max(...findings.map((s) => s.length))).toBeLessThan(20 * (EVIDENCE_BOUNDS.valueChars + 40));
    expect(autoReject.finding).toMatch(/, 40 more values on reject/);
    expect(r.rejects.attributes.call.attributes).toHaveLength(EVIDENCE_BOUNDS.values);
    expect(r.rejects.attributes.call.otherStanzas).toBeGreaterThan(200);
    expect(r.rejects.reasons.outside.values).toHaveLength(EVIDENCE_BOUNDS.values);
    expect(r.rejects.reasons.outside.otherStanzas).toBeGreaterThan(200);
    expect(r.stanzas.others.byRoot.otherStanzas).toBe(300 - EVIDENCE_BOUNDS.values);
    const refused = r.decode.find((d) => d.fault === 'reason-outside-enum')!;
    expect(refused.rejects.stanzas).toHaveLength(EVIDENCE_BOUNDS.locations);
    expect(refused.rejects.more).toBe(refused.rejects.count - EVIDENCE_BOUNDS.locations);
    expect(r.questions.autoReject.candidates.length).toBeLessThanOrEqual(EVIDENCE_BOUNDS.values);
    expect(r.questions.terminateAfterReject.withoutAt.at).toHaveLength(EVIDENCE_BOUNDS.locations);
  });

  it('says how many more on the console and in Markdown', () => {
    const text = evidenceConsoleText(r);
    expect(text).toMatch(/… and \d+ more \(the JSON and Markdown reports list more\)/);
    expect(text).toMatch(/\d+ more with other names/);
    expect(evidenceMarkdown(r)).toMatch(/… and \d+ more \(the JSON report counts them all\)/);
    expect(text.length + evidenceMarkdown(r).length).toBeLessThan(600_000);
  });

  it('shows no captured escape sequence, control character, markup or HTML alive', () => {
    const text = evidenceConsoleText(r);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text.toLowerCase()).toContain('\\u001b]0;pwned\\u0007');
    const md = evidenceMarkdown(r);
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // outside code spans, no tag, link or emphasis from the capture stands
    const prose = md.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(prose).not.toMatch(/<script|<img|\]\(https|\*bold\*/);
    expect(md).toContain('` <img src=x onerror=alert(1)> `');
  });
});
