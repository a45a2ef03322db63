/**
 * stanza-conformance/arbitraries, as a user draws from it: every value means
 * what it says by the spec's own reading (messageProblems, readStanza,
 * parseJid) and by the judge written apart from it (test/fixtures/
 * independent), the options do what they say, and values are drawn fresh.
 * The arbitraries under it are tested in the files beside this one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  badReasons,
  invalidMessages,
  invalidNodes,
  invalidXmlStanzas,
  jids,
  malformedJids,
  messages,
  MESSAGE_FAULT_GROUPS,
  NODE_FAULT_GROUPS,
  nodeRenderings,
  reasons,
  replyCases,
  XML_FAULT_GROUPS,
  xmlRenderings,
} from '../../arbitraries/public.js';
import { isJid, messageProblems, PAGE_EXAMPLE, parseJid, readStanza, reasonList } from '../../spec/index.js';
import { judgeMessage, judgeNode, judgeXml } from '../fixtures/independent/judge.js';
import { isJid as independentIsJid } from '../fixtures/independent/_rules.js';

const shipped = reasonList();
const withDnd = reasonList(['dnd']);
const runs = { numRuns: 200 };
/** The message a reading means, as a decoder returns it: the fields present. */
const fieldsOf = (m: object) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));

describe('valid values', () => {
  it('messages() conform, and may carry an extra reason when asked', () => {
    fc.assert(
      fc.property(messages(), (m) => {
        expect(messageProblems(m, shipped)).toEqual([]);
        expect(judgeMessage(m)).toMatchObject({ ok: true });
      }),
      runs,
    );
    const seen = fc.sample(messages({ extraReasons: ['dnd'] }), 2000).map((m) => m.reason);
    expect(seen).toContain('dnd');
    expect(fc.sample(messages(), 2000).map((m) => m.reason)).not.toContain('dnd');
  });

  it('xmlRenderings() and nodeRenderings() mean exactly their message to the spec', () => {
    fc.assert(
      fc.property(xmlRenderings(), ({ message, xml }) => {
        const r = readStanza(xml, 'xml', shipped);
        expect(r.problems).toEqual([]);
        expect(fieldsOf(r.message!)).toEqual(fieldsOf(message));
        expect(judgeXml(xml)).toEqual({ ok: true, message: fieldsOf(message) });
      }),
      runs,
    );
    fc.assert(
      fc.property(nodeRenderings(), ({ message, node }) => {
        const r = readStanza(node, 'node', shipped);
        expect(r.problems).toEqual([]);
        expect(fieldsOf(r.message!)).toEqual(fieldsOf(message));
        expect(judgeNode(node)).toEqual({ ok: true, message: fieldsOf(message) });
      }),
      runs,
    );
  });

  it('turn on only the features asked for', () => {
    for (const { xml } of fc.sample(xmlRenderings({ features: ['refs'] }), 50)) expect(xml).toMatch(/^<call from=/);
    expect(fc.sample(xmlRenderings(), 300).some(({ xml }) => xml.includes('<!--'))).toBe(true);
    for (const { node } of fc.sample(nodeRenderings({ features: [] }), 50))
      expect((node.content as { content?: unknown }[])[0]!.content).toBeUndefined();
  });

  it('replyCases() are offers and options of conforming JIDs and ids; jids() are JIDs; reasons() are the list', () => {
    fc.assert(
      fc.property(replyCases(), ({ offer, options }) => {
        for (const jid of [offer.from, offer.to, offer.callCreator, options.from]) expect(isJid(jid)).toBe(true);
        expect(offer.callId).not.toBe('');
        if (options.reason !== undefined) expect(shipped.values).toContain(options.reason);
      }),
      runs,
    );
    fc.assert(
      fc.property(jids(), (j) => parseJid(j) !== undefined),
      runs,
    );
    expect(new Set(fc.sample(reasons(), 500))).toEqual(new Set(shipped.values));
    expect(new Set(fc.sample(reasons({ extraReasons: ['dnd'] }), 500))).toEqual(new Set(withDnd.values));
  });
});

describe('invalid values', () => {
  it('invalidMessages() each have a problem, and come from their valid base', () => {
    fc.assert(
      fc.property(invalidMessages(), (bad) => {
        expect(messageProblems(bad.message, shipped)).not.toEqual([]);
        expect(messageProblems(bad.base, shipped)).toEqual([]);
        expect(judgeMessage(bad.message).ok).toBe(false);
        expect(judgeMessage(bad.base).ok).toBe(true);
        expect(bad.fault.startsWith(`${bad.group}:`)).toBe(true);
        expect(bad.culprit.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('invalidMessages() of every class by default, all but unencodable-character for the node wire, only those asked for with groups', () => {
    expect(new Set(fc.sample(invalidMessages(), 500).map((b) => b.group))).toEqual(new Set(MESSAGE_FAULT_GROUPS));
    expect(new Set(fc.sample(invalidMessages({ wire: 'node' }), 500).map((b) => b.group))).toEqual(
      new Set(MESSAGE_FAULT_GROUPS.filter((g) => g !== 'unencodable-character')),
    );
    expect(new Set(fc.sample(invalidMessages({ groups: ['malformed-jid'] }), 100).map((b) => b.group))).toEqual(new Set(['malformed-jid']));
  });

  /** Faults the spec reads as another class: a <call> inside a <call> has the wrong child; a text cut inside a surrogate pair holds a lone one. */
  const READ_AS: Record<string, string> = { 'wrong-root:inside-call': 'wrong-child', 'not-well-formed:truncated': 'forbidden-character' };
  const classes = (bad: { fault: string; group: string }) => [bad.group, ...(READ_AS[bad.fault] ? [READ_AS[bad.fault]!] : [])];

  it('invalidXmlStanzas() and invalidNodes() have the fault class they name, at the level the spec reads them', () => {
    fc.assert(
      fc.property(invalidXmlStanzas(), (bad) => {
        expect(judgeXml(bad.xml).ok, bad.fault).toBe(false);
        const problems = readStanza(bad.xml, 'xml', shipped).problems;
        expect(
          problems.some((p) => classes(bad).includes(p.fault)),
          `${bad.fault}: ${problems.map((p) => p.fault)}`,
        ).toBe(true);
        expect(bad.level).toBe(problems.some((p) => p.level === 'must') ? 'must' : 'should');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(invalidNodes(), (bad) => {
        expect(judgeNode(bad.node).ok, bad.fault).toBe(false);
        const problems = readStanza(bad.node, 'node', shipped).problems;
        expect(
          problems.some((p) => classes(bad).includes(p.fault)),
          `${bad.fault}: ${problems.map((p) => p.fault)}`,
        ).toBe(true);
        expect(bad.level).toBe('must');
      }),
      runs,
    );
    expect(new Set(fc.sample(invalidXmlStanzas(), 1000).map((b) => b.group))).toEqual(new Set(XML_FAULT_GROUPS));
    expect(new Set(fc.sample(invalidNodes(), 500).map((b) => b.group))).toEqual(new Set(NODE_FAULT_GROUPS));
    expect(new Set(fc.sample(invalidXmlStanzas({ groups: ['doctype', 'stray-text'] }), 100).map((b) => b.level))).toEqual(
      new Set(['should']),
    );
  });

  it('malformedJids() are refused by the grammar; badReasons() are outside the list in force', () => {
    fc.assert(
      fc.property(malformedJids(), ({ jid, fault }) => parseJid(jid) === undefined && !independentIsJid(jid) && fault !== ''),
      runs,
    );
    fc.assert(
      fc.property(badReasons(), (r) => !shipped.values.includes(r)),
      runs,
    );
    expect(fc.sample(badReasons(), 2000)).toContain('blocked');
    expect(fc.sample(badReasons({ extraReasons: ['blocked'] }), 2000)).not.toContain('blocked');
  });

  it('a mistaken groups option is said at once', () => {
    expect(() => invalidMessages({ groups: [] })).toThrow(/groups is empty/);
    expect(() => invalidXmlStanzas({ groups: ['not-a-node' as never] })).toThrow(
      /unknown group "not-a-node"; expected one of missing-attribute/,
    );
    expect(() => messages({ extraReasons: ['two words'] })).toThrow(/reason extension "two words"/);
  });
});

describe('every value is drawn fresh', () => {
  it('a value changed after it was drawn changes no later draw, the page example (a constant of the suite) included', () => {
    const draw = () => fc.sample(messages(), { seed: 7, numRuns: 2000 });
    const first = draw();
    expect(first).toContainEqual(PAGE_EXAMPLE.message);
    const copy = structuredClone(first);
    for (const m of first) m.callId = 'changed';
    expect(draw()).toEqual(copy);
  });
});
