/**
 * What a conforming decoder refuses, per suite check: a capture of valid
 * stanzas is silent; a capture of broken ones (the suite's own mutations)
 * shows every decode-refusal class under its check id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeMutationKinds, nodeRenderingKinds, xmlMutationKinds, xmlRenderingKinds, type Kinds } from '../../arbitraries/index.js';
import { evidenceConsoleText, evidenceMarkdown } from '../../reports/evidence/index.js';
import type { EvidenceReport } from '../../runner/evidence/index.js';
import { PAGE_EXAMPLE, reasonList } from '../../spec/index.js';
import { scratch } from '../helpers/cli.js';
import { analyze, capture } from './helpers.js';

const reasons = reasonList();
const sample = <T>(kinds: Kinds<T>, runs = 2) =>
  kinds.flatMap((k) => fc.sample(k.arbitrary, { numRuns: runs, seed: 14 }).map((value) => ({ kind: k.name, value })));
/** Kinds read as another class, rightly (as in test/spec/read-stanza.test.ts): a <call> inside a <call> is a <call> holding the wrong child. */
const SAME: Record<string, string> = { 'wrong-root:inside-call': 'wrong-child' };
/** Every stanza a check lists, whatever the stanza is. */
const refusedBy = (r: EvidenceReport, check: string) => {
  const d = r.decode.find((x) => x.check === check);
  return d ? d.rejects.count + d.unreadable.count + d.others.count : 0;
};

/** What one line of an XML capture can hold: no line break, a start at `<`, and only text UTF-8 can write. */
const onOneLine = (xml: string) => !/[\n\r]/.test(xml) && xml.startsWith('<') && Buffer.from(xml).toString() === xml;
/** What one line of JSON lines can hold: an object of JSON data (no undefined, no bytes: they do not survive JSON). */
const asJson = (v: unknown) =>
  typeof v === 'object' && v !== null && !JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? '$bytes' : x)).includes('$bytes');

describe('a clean capture', () => {
  const dir = scratch('evidence-clean');
  const realistic = <T>(kinds: Kinds<T>) => kinds.filter((k) => k.name.startsWith('realistic:'));
  const xml = [
    ...sample(realistic(xmlRenderingKinds(reasons, [])), 10),
    ...sample(realistic(xmlRenderingKinds(reasons, ['extras'])), 10),
  ].map((x) => x.value.xml);
  const nodes = [
    ...sample(realistic(nodeRenderingKinds(reasons, [])), 10),
    ...sample(realistic(nodeRenderingKinds(reasons, ['extras'])), 10),
  ].map((x) => x.value.node);

  it.each([
    [
      'XML, one per line and the page example over several lines',
      () => capture(dir, 'clean.xml', `${xml.join('\n')}\n\n${PAGE_EXAMPLE.xml}\n`),
      xml.length + 1,
    ],
    ['JSON lines', () => capture(dir, 'clean.jsonl', `${nodes.map((n) => JSON.stringify(n)).join('\n')}\n`), nodes.length],
  ])('of valid stanzas (%s) fails no decode check and has no reason outside the enum', (_name, make, n) => {
    expect(xml.every(onOneLine)).toBe(true);
    const r = analyze([make()]);
    expect(r.stanzas).toMatchObject({ total: n, rejects: n, unreadable: 0 });
    expect(r.decode).toEqual([]);
    expect(r.rejects.reasons.outside.values).toEqual([]);
    expect(r.rejects.jids.every((j) => j.malformed.values.length === 0)).toBe(true);
    expect(r.questions.autoReject.answer).toBe('no-evidence');
    expect(r.questions.reasonSet.answer).not.toBe('full-set');
    expect(evidenceConsoleText(r)).toContain('  none: a conforming decoder accepts every reject in the capture');
    expect(evidenceMarkdown(r)).toContain('None: a conforming decoder accepts every reject in the capture.');
  });
});

describe('a capture of broken stanzas', () => {
  const dir = scratch('evidence-broken');

  it.each([
    ['xml', xmlMutationKinds(reasons)],
    ['node', nodeMutationKinds(reasons)],
  ] as const)('shows every %s decode-refusal class under its check id, each stanza once', (wire, table) => {
    const written: string[] = [];
    for (const [group, kinds] of Object.entries(table)) {
      const cases = sample(kinds as Kinds<{ input: unknown }>).filter((c) =>
        wire === 'xml' ? typeof c.value.input === 'string' && onOneLine(c.value.input) : asJson(c.value.input),
      );
      const own = cases.filter((c) => !SAME[c.kind]);
      expect(own.length, `${group}: no case fits one line`).toBeGreaterThan(0);
      const lines = cases.map((c) => (wire === 'xml' ? (c.value.input as string) : JSON.stringify(c.value.input)));
      const file = capture(dir, `${group}.${wire === 'xml' ? 'xml' : 'jsonl'}`, `${lines.join('\n')}\n`);
      const r = analyze([file]);
      expect(r.stanzas.total, group).toBe(cases.length);
      expect(refusedBy(r, `reject.decode.refuses.${group}`), group).toBe(own.length);
      for (const [kind, as] of Object.entries(SAME)) {
        const n = cases.filter((c) => c.kind === kind).length;
        if (n > 0) expect(refusedBy(r, `reject.decode.refuses.${as}`), kind).toBeGreaterThanOrEqual(n);
      }
      written.push(group);
    }
    expect(written).toEqual(Object.keys(table));
  });

  it('counts other <call> stanzas by their first child, and JIDs on other servers as other-server', () => {
    const file = capture(
      dir,
      'shapes.jsonl',
      [
        {
          tag: 'call',
          attrs: {},
          content: [
            { tag: 'offer', attrs: {} },
            { tag: 'enc', attrs: {} },
          ],
        },
        { tag: 'call', attrs: {} },
        {
          tag: 'call',
          attrs: { from: '120363.4:9@g.us', to: '1@hosted.lid', id: '1' },
          content: [{ tag: 'reject', attrs: { 'call-id': 'c', 'call-creator': '7.1@c.us' } }],
        },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const r = analyze([file]);
    expect(r.stanzas.calls.byChild.values.map((v) => [v.value, v.count])).toEqual([
      ['offer', 1],
      ['(none)', 1],
    ]);
    const shape = (a: string) =>
      r.rejects.jids.find((j) => j.attribute === a)!.shapes.map(({ shape, server, agent, device }) => ({ shape, server, agent, device }));
    expect(shape('from')).toEqual([{ shape: 'user.agent:device@other-server', server: 'other', agent: true, device: 'non-zero' }]);
    expect(shape('to')).toEqual([{ shape: 'user@hosted.lid', server: 'lid', agent: false, device: 'none' }]);
    expect(shape('call-creator')).toEqual([{ shape: 'user.agent@c.us', server: 'phone-number', agent: true, device: 'none' }]);
  });

  it('tells rejects from stanzas that are not rejects, and lists the unreadable apart', () => {
    const file = capture(
      dir,
      'mixed.xml',
      [
        '<call from="a@lid" to="b@lid" id="1"><reject call-id="c" call-creator="b@lid" reason="Busy"/></call>',
        '<call from="a@lid" to="b@lid" id="2"><terminate call-id="c" call-creator="b@lid"/></call>',
        '<call from="a@lid" to="b@lid" id="3"><reject call-id="c" call-creator="b@lid"',
        '<call from="a@@lid" to="b@lid" id="4"><reject call-id="d" call-creator="b:07@lid"/></call>',
      ].join('\n'),
    );
    const r = analyze([file]);
    const d = (fault: string) => r.decode.find((x) => x.fault === fault)!;
    expect(d('reason-outside-enum')).toMatchObject({
      level: 'must',
      rejects: { count: 1, stanzas: [{ at: `${file}:1` }] },
      unreadable: { count: 0 },
      others: { count: 0 },
    });
    expect(d('wrong-child')).toMatchObject({ rejects: { count: 0 }, others: { count: 1, at: [`${file}:2`] } });
    expect(d('not-well-formed')).toMatchObject({ rejects: { count: 0 }, unreadable: { count: 1, stanzas: [{ at: `${file}:3` }] } });
    // two malformed JIDs in one stanza: one stanza that check refuses, both named
    expect(d('malformed-jid').rejects).toMatchObject({
      count: 1,
      stanzas: [{ message: expect.stringMatching(/<call from>.*; <reject call-creator>/) }],
    });
    expect(r.rejects.jids.find((j) => j.attribute === 'call-creator')!.malformed.values).toEqual([
      { value: 'b:07@lid', count: 1, at: [`${file}:4`] },
    ]);
    expect(r.stanzas).toMatchObject({ rejects: 2, unreadable: 1, calls: { count: 1 } });
    const text = evidenceConsoleText(r);
    expect(text).toContain(`      ${file}:3 (unreadable)  not well-formed XML`);
    expect(text).toContain('  not rejects, refused as they should be: wrong-child 1');
  });
});
