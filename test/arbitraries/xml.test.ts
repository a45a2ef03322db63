import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainRendering, callRejectArb, XML_FAULT_GROUPS, xmlMutationArb, xmlMutationKinds, xmlRenderingArb, type RenderingFeature } from '../../arbitraries/index.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { parseXml, reasonList } from '../../spec/index.js';
import { judgeXml, normal } from '../fixtures/independent/judge.js';
import { scan } from '../fixtures/independent/_scanner.js';

const reasons = reasonList();
const ALL: RenderingFeature[] = ['layout', 'refs', 'extras', 'content', 'comments', 'raw-spaces'];

describe('XML renderings', () => {
  it('mean exactly their message to the oracle, with every feature on', () => {
    fc.assert(
      fc.property(xmlRenderingArb(reasons, ALL), ({ message, xml }) => {
        const j = judgeXml(xml);
        if (!j.ok) throw new Error(`${j.why}\n${xml}`);
        expect(j.message).toEqual(normal({ ...message, callId: message.callId, id: message.id }));
      }),
      { numRuns: 1000 },
    );
  });

  it('mean their message with each feature alone, and plainly', () => {
    for (const f of ALL) {
      fc.assert(fc.property(xmlRenderingArb(reasons, [f]), ({ message, xml }) => {
        const j = judgeXml(xml);
        return j.ok && JSON.stringify(j.message) === JSON.stringify(normal(message));
      }), { numRuns: 200 });
    }
    fc.assert(fc.property(callRejectArb(reasons), (m) => {
      const j = judgeXml(plainRendering(m).xml);
      return j.ok && JSON.stringify(j.message) === JSON.stringify(normal(m));
    }));
  });

  it('vary what the issue names: order, quotes, layout, self-closing, references, declaration, count="0"', () => {
    // content inside <reject> forces open/close, so sample with and without it
    const xmls = [ALL, ['layout', 'refs', 'extras'] as RenderingFeature[]].flatMap((f) =>
      fc.sample(xmlRenderingArb(reasons, f), { numRuns: 500, seed: 13 }).map((r) => r.xml));
    const some = (re: RegExp) => xmls.some((x) => re.test(x));
    expect(some(/=\s*'/)).toBe(true);
    expect(some(/="/)).toBe(true);
    expect(some(/>\s*\n\s+</)).toBe(true);
    expect(some(/<reject[^>]*\/>/)).toBe(true);
    expect(some(/<\/reject>/)).toBe(true);
    expect(some(/&#x?[0-9A-Fa-f]+;/)).toBe(true);
    expect(some(/^<\?xml /)).toBe(true);
    expect(some(/count=["']0["']/)).toBe(true);
    expect(some(/<!--/)).toBe(true);
    expect(some(/<call\s+(to|id)=/)).toBe(true);
  });
});

describe('XML mutations', () => {
  for (const g of XML_FAULT_GROUPS) {
    it(`${g}: the oracle finds each not conforming, and the reference decoder refuses it`, () => {
      const decode = referenceXmlAdapter(reasons).reject.decode!;
      const samples = fc.sample(xmlMutationArb(reasons, g), { numRuns: 300, seed: 17 });
      for (const f of samples) {
        expect(judgeXml(f.input).ok, `${f.fault}\n${f.input}`).toBe(false);
        expect(() => decode(f.input), `${f.fault}\n${f.input}`).toThrow();
        expect(f.fault.startsWith(`${g}:`)).toBe(true);
      }
    });
  }

  it('not-well-formed and forbidden-character are refused by the suite XML parser and by the independent scanner', () => {
    for (const g of ['not-well-formed', 'forbidden-character'] as const) {
      for (const f of fc.sample(xmlMutationArb(reasons, g), { numRuns: 200, seed: 19 })) {
        expect(() => parseXml(f.input), `${f.fault}\n${f.input}`).toThrow();
        expect(() => scan(f.input), `${f.fault}\n${f.input}`).toThrow();
      }
    }
  });

  it('cover each kind the issue names', () => {
    // every kind is tried in every run: each kind's own cases must carry its name as their fault
    const kinds = XML_FAULT_GROUPS.flatMap((g) => xmlMutationKinds(reasons)[g]);
    for (const k of kinds) for (const f of fc.sample(k.arbitrary, { numRuns: 5, seed: 23 })) expect(f.fault).toBe(k.name);
    const faults = new Set(kinds.map((k) => k.name));
    const has = (prefix: string) => [...faults].some((f) => f.startsWith(prefix));
    for (const a of ['from', 'to', 'id', 'call-id', 'call-creator']) {
      expect(has(`missing-attribute:${a}`), a).toBe(true);
      expect(has(`empty-attribute:${a}`), a).toBe(true);
    }
    for (const a of ['from', 'to', 'call-creator']) expect(has(`malformed-jid:${a}:`), a).toBe(true);
    expect(has('reason-outside-enum:empty')).toBe(true);
    expect(has('reason-outside-enum:upper-case')).toBe(true);
    expect(has('wrong-child:terminate')).toBe(true);
    expect(has('wrong-child:accept')).toBe(true);
    for (const p of ['no-child', 'two-rejects', 'extra-child', 'stray-text', 'doctype', 'forbidden-character', 'wrong-root']) expect(has(p), p).toBe(true);
    expect([...faults].filter((f) => f.startsWith('not-well-formed:')).length).toBeGreaterThanOrEqual(5);
  });
});
