import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_ID_EDGES,
  COERCED_TEXT_TABLE,
  callRejectArb,
  invalidMessageArb,
  invalidMessageKinds,
  JID_WHOLE_PART_TABLE,
  PROTOTYPE_PROPERTY_NAMES,
  TEXT_EDGE_TABLE,
  messageKinds,
  type Kinds,
  type MessageFaultGroup,
} from '../../arbitraries/index.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { messageProblems, reasonList } from '../../spec/index.js';
import { judgeMessage } from '../fixtures/independent/judge.js';

const reasons = reasonList();

/** The case every run tries first of each kind, at `seed`. */
const firstOfEach = <T>(kinds: Kinds<T>, seed = 0): T[] => kinds.map((k) => fc.sample(k.arbitrary, { seed, numRuns: 1 })[0]!);
const callRejectEdges = (r: typeof reasons) => [0, 1, 2].flatMap((seed) => firstOfEach(messageKinds(r), seed));
const GROUPS: MessageFaultGroup[] = [
  'missing-attribute',
  'empty-attribute',
  'reason-outside-enum',
  'malformed-jid',
  'unencodable-character',
];

describe('valid messages', () => {
  it('are all valid to the independent judge and by the schema, edges included', () => {
    fc.assert(
      fc.property(callRejectArb(reasons), (m) => judgeMessage(m).ok && messageProblems(m, reasons).length === 0),
      { numRuns: 1000 },
    );
    for (const m of callRejectEdges(reasons)) {
      expect(judgeMessage(m), JSON.stringify(m)).toMatchObject({ ok: true });
      expect(messageProblems(m, reasons), JSON.stringify(m)).toEqual([]);
    }
  });

  it('cover every reason, an absent one as a missing key and as undefined', () => {
    const seen = fc.sample(callRejectArb(reasons), { numRuns: 2000, seed: 3 });
    for (const r of reasons.values)
      expect(
        seen.some((m) => m.reason === r),
        r,
      ).toBe(true);
    expect(seen.some((m) => !('reason' in m))).toBe(true);
    expect(seen.some((m) => 'reason' in m && m.reason === undefined)).toBe(true);
  });

  it('put the hostile call-ids first: specials, white space at the ends, CR/LF/tab, astral, combining, built-in names, very long', () => {
    const ids = callRejectEdges(reasons).map((m) => m.callId);
    for (const edge of CALL_ID_EDGES) expect(ids).toContain(edge);
    expect(ids.some((c) => /[&<>"']/.test(c))).toBe(true);
    expect(ids.some((c) => c !== c.trim())).toBe(true);
    expect(ids.some((c) => /\t/.test(c) && /\n/.test(c) && /\r/.test(c))).toBe(true);
    expect(ids.some((c) => /\p{M}/u.test(c))).toBe(true);
    expect(ids.some((c) => [...c].some((ch) => ch.codePointAt(0)! > 0xffff))).toBe(true);
    for (const name of PROTOTYPE_PROPERTY_NAMES) expect(ids).toContain(name);
    expect(Math.max(...ids.map((c) => c.length))).toBeGreaterThanOrEqual(4096);
  });

  it('reach realistic 32-hex call-ids and hostile ones at random too', () => {
    const ids = fc.sample(callRejectArb(reasons), { numRuns: 1000, seed: 5 }).map((m) => m.callId);
    expect(ids.some((c) => /^[0-9A-F]{32}$/.test(c))).toBe(true);
    expect(ids.some((c) => /[&<"]/.test(c))).toBe(true);
  });
});

/** The kind named `name` of `kinds`. */
const kindNamed = <T>(kinds: Kinds<T>, name: string) => {
  const k = kinds.find((x) => x.name === name);
  if (!k) throw new Error(`no kind ${name}`);
  return k;
};

describe('values type-coercing parsers retype, as valid kinds', () => {
  for (const [name, value] of Object.entries(COERCED_TEXT_TABLE)) {
    it(`text:coerced:${name}: call-id and stanza id ${JSON.stringify(value)} in every case, valid to the judge`, () => {
      for (const m of fc.sample(kindNamed(messageKinds(reasons), `text:coerced:${name}`).arbitrary, { numRuns: 10, seed: 2 })) {
        expect(m.callId).toBe(value);
        expect(m.id).toBe(value);
        expect(judgeMessage(m), JSON.stringify(m)).toMatchObject({ ok: true });
      }
    });
  }
  for (const [name, { part, text }] of Object.entries(JID_WHOLE_PART_TABLE)) {
    it(`jid:${name}: every JID's ${part} is ${JSON.stringify(text)}, valid to the judge`, () => {
      for (const m of fc.sample(kindNamed(messageKinds(reasons), `jid:${name}`).arbitrary, { numRuns: 10, seed: 2 })) {
        for (const jid of [m.from, m.to, m.callCreator]) expect(part === 'user' ? jid.split(/[.:@]/)[0] : jid.split('@')[1]).toBe(text);
        expect(judgeMessage(m), JSON.stringify(m)).toMatchObject({ ok: true });
      }
    });
  }
});

describe('reasons outside the enum draw from every class of the valid side', () => {
  const kinds = invalidMessageKinds(reasons)['reason-outside-enum'];
  const cases: [string, string][] = [
    ...PROTOTYPE_PROPERTY_NAMES.map((n): [string, string] => [`builtin-${n.replace(/_/g, '').toLowerCase()}`, n]),
    ...Object.entries(TEXT_EDGE_TABLE)
      .filter(([n]) => !n.startsWith('builtin-'))
      .map(([n, v]): [string, string] => [`text-${n}`, v]),
    ...Object.entries(COERCED_TEXT_TABLE)
      .filter(([n]) => n !== 'null' && n !== 'undefined')
      .map(([n, v]): [string, string] => [`coerced-${n}`, v]),
  ];
  for (const [name, value] of cases) {
    it(`reason-outside-enum:${name}: the reason is ${JSON.stringify(value.slice(0, 20))} in every case, refused by the judge`, () => {
      for (const f of fc.sample(kindNamed(kinds, `reason-outside-enum:${name}`).arbitrary, { numRuns: 5, seed: 4 })) {
        expect(f.input.reason).toBe(value);
        expect(judgeMessage(f.input).ok).toBe(false);
      }
    });
  }
});

describe('invalid messages', () => {
  for (const g of GROUPS) {
    it(`${g}: each is invalid to the independent judge, has exactly the named fault, and the reference encoder refuses it`, async () => {
      const codec = referenceXmlAdapter(reasons).reject;
      const samples = fc.sample(invalidMessageArb(reasons, g), { numRuns: 200, seed: 7 });
      for (const f of samples) {
        expect(judgeMessage(f.input).ok, f.fault).toBe(false);
        const problems = messageProblems(f.input, reasons);
        expect(problems.length, f.fault).toBe(1);
        expect(f.culprit, f.fault).toContain(problems[0]!.attribute);
        expect(() => codec.encode!(f.input as never), f.fault).toThrow();
      }
      expect(new Set(samples.map((f) => f.fault)).size).toBeGreaterThan(3);
    });
  }

  it('include reason case variants, "" and null', () => {
    const faults = fc.sample(invalidMessageArb(reasons, 'reason-outside-enum'), { numRuns: 500, seed: 11 }).map((f) => f.input.reason);
    expect(faults).toContain('');
    expect(faults).toContain(null);
    expect(faults.some((r) => typeof r === 'string' && reasons.values.includes(r.toLowerCase()) && !reasons.values.includes(r))).toBe(true);
  });
});
