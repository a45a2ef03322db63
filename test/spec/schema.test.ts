import { describe, expect, it } from 'vitest';
import {
  callRejectSchema,
  messageFromAttributes,
  messageProblems,
  PAGE_EXAMPLE,
  parseXml,
  reasonList,
  stanzaAttributes,
  wireNodeSchema,
} from '../../spec/index.js';

const reasons = reasonList();
const ok = { ...PAGE_EXAMPLE.message };

describe('the CallReject schema', () => {
  it("accepts the page's example, with and without a reason", () => {
    expect(messageProblems(ok, reasons)).toEqual([]);
    const { reason: _, ...noReason } = ok;
    expect(messageProblems(noReason, reasons)).toEqual([]);
    expect(callRejectSchema(reasons).safeParse(ok).success).toBe(true);
  });

  it('names each bad attribute by its wire name, saying what was expected and what came', () => {
    const problems = messageProblems({ ...ok, callId: '', from: 'nope', reason: 'Declined' }, reasons);
    expect(problems.map((p) => p.attribute).sort()).toEqual(['call-id', 'from', 'reason']);
    const reason = problems.find((p) => p.attribute === 'reason')!;
    expect(reason.message).toMatch(/<reject reason>: expected .*declined.*received "Declined"/);
  });

  it('treats reason null and "" as present and wrong, undefined as absent', () => {
    expect(messageProblems({ ...ok, reason: null }, reasons).map((p) => p.attribute)).toEqual(['reason']);
    expect(messageProblems({ ...ok, reason: '' }, reasons).map((p) => p.attribute)).toEqual(['reason']);
    expect(messageProblems({ ...ok, reason: undefined }, reasons)).toEqual([]);
  });

  it('refuses strings XML cannot carry, and values that are not strings', () => {
    expect(messageProblems({ ...ok, id: 'a\u0000' }, reasons).map((p) => p.attribute)).toEqual(['id']);
    expect(messageProblems({ ...ok, callId: 'a\uD800' }, reasons).map((p) => p.attribute)).toEqual(['call-id']);
    expect(messageProblems({ ...ok, id: 7 }, reasons).map((p) => p.attribute)).toEqual(['id']);
    expect(messageProblems('x', reasons)[0]!.message).toMatch(/expected a CallReject object/);
  });

  it('takes an extended reason once the list is extended', () => {
    expect(messageProblems({ ...ok, reason: 'do_not_disturb' }, reasons)).toHaveLength(1);
    expect(messageProblems({ ...ok, reason: 'do_not_disturb' }, reasonList(['do_not_disturb']))).toEqual([]);
  });
});

describe('stanza attributes', () => {
  it("map the page's example XML to its message and back", () => {
    const { root } = parseXml(PAGE_EXAMPLE.xml);
    const children = root.children.filter((c) => typeof c !== 'string');
    expect(children.map((c) => c.name)).toEqual(['reject']);
    const reject = children[0]!;
    expect(messageFromAttributes(root.attrs, reject.attrs)).toEqual(ok);
    // and back: the message gives each element exactly the attributes the page writes
    const pairs = stanzaAttributes(ok);
    expect(Object.fromEntries(pairs.call)).toEqual(root.attrs);
    expect(Object.fromEntries(pairs.reject)).toEqual(reject.attrs);
  });
});

describe('the node schema', () => {
  it('accepts the in-memory node shape at any depth and refuses others', () => {
    expect(wireNodeSchema.safeParse({ tag: 'call', attrs: { a: 'b' }, content: [{ tag: 'reject', attrs: {} }] }).success).toBe(true);
    expect(wireNodeSchema.safeParse({ tag: 'call', attrs: {}, content: new Uint8Array(1) }).success).toBe(true);
    expect(wireNodeSchema.safeParse({ tag: 'call', attrs: { a: 1 } }).success).toBe(false);
    expect(wireNodeSchema.safeParse({ tag: '', attrs: {} }).success).toBe(false);
  });
});
