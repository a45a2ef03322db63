import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeMutationKinds, nodeRenderingKinds, xmlMutationKinds, xmlRenderingKinds } from '../../arbitraries/index.js';
import { readStanza, reasonList, SHOULD_LEVEL_FAULTS } from '../../spec/index.js';

const reasons = reasonList();
/** Kinds whose stanza is read as another class, rightly: a <call> inside a <call> is a <call> holding the wrong child. */
const SAME: Record<string, string> = { 'wrong-root:inside-call': 'wrong-child' };
const sample = <T>(arb: fc.Arbitrary<T>) => fc.sample(arb, { numRuns: 3, seed: 7 });

describe('readStanza', () => {
  for (const [wire, table] of [
    ['xml', xmlMutationKinds(reasons)],
    ['node', nodeMutationKinds(reasons)],
  ] as const) {
    it(`names the fault class of every ${wire} mutation kind`, () => {
      const wrong: string[] = [];
      for (const [group, kinds] of Object.entries(table)) {
        for (const k of kinds) {
          for (const f of sample(k.arbitrary)) {
            const faults = readStanza(f.input, wire, reasons).problems.map((p) => p.fault);
            if (!faults.includes(group as never) && !faults.includes(SAME[k.name] as never)) wrong.push(`${k.name}: ${faults.join(', ')}`);
          }
        }
      }
      expect([...new Set(wrong)]).toEqual([]);
    });
  }

  it('reads every valid rendering as its message, with no problem', () => {
    for (const k of xmlRenderingKinds(reasons, ['layout', 'refs', 'raw-spaces', 'extras', 'content', 'comments'])) {
      for (const r of sample(k.arbitrary)) {
        const read = readStanza(r.xml, 'xml', reasons);
        expect(read.problems, k.name).toEqual([]);
        expect(read.message).toEqual(r.message);
      }
    }
    for (const k of nodeRenderingKinds(reasons, ['layout', 'extras', 'content'])) {
      for (const r of sample(k.arbitrary)) expect(readStanza(r.node, 'node', reasons).message, k.name).toEqual(r.message);
    }
  });

  it('keeps the message when the only problems are should-level, and gives none otherwise', () => {
    const doctype = readStanza(
      '<!DOCTYPE call><call from="a@b" to="a@b" id="1"><reject call-id="c" call-creator="a@b"/></call>',
      'xml',
      reasons,
    );
    expect(doctype.problems.map((p) => [p.fault, p.level])).toEqual([['doctype', 'should']]);
    expect(doctype.message?.callId).toBe('c');
    const both = readStanza('<call from="a@b" to="a@b" id="1">x<reject call-id="" call-creator="a@b"/></call>', 'xml', reasons);
    expect(both.problems.map((p) => p.fault)).toEqual(['stray-text', 'empty-attribute']);
    expect(both.message).toBeUndefined();
    expect(both.fields?.callId).toBe('');
    expect(SHOULD_LEVEL_FAULTS).toEqual(['doctype', 'stray-text']);
  });

  it('reads a DOCTYPE as one only in the prolog: after the root it is plain syntax, not well-formed ([22] prolog, [1] document)', () => {
    const stanza = '<call from="a@b" to="a@b" id="1"><reject call-id="c" call-creator="a@b"/></call>';
    const faults = (xml: string) => readStanza(xml, 'xml', reasons).problems.map((p) => [p.fault, p.level]);
    expect(faults(`<?xml version="1.0"?>\n<!-- c --><?p x?>\n<!DOCTYPE call [<!ENTITY e "x">]>${stanza}`)).toEqual([['doctype', 'should']]);
    expect(faults(`${stanza}<!DOCTYPE call>`)).toEqual([['not-well-formed', 'must']]);
    expect(faults(`<?p ?>${stanza}<?q ?><!DOCTYPE call>`)).toEqual([['not-well-formed', 'must']]);
    expect(
      faults(`<!-- a --><call from="a@b" to="a@b" id="1"><!-- b --><!DOCTYPE call><reject call-id="c" call-creator="a@b"/></call>`),
    ).toEqual([['not-well-formed', 'must']]);
  });
});
