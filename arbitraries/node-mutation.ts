import fc from 'fast-check';
import { JID_ATTRIBUTES, REQUIRED_ATTRIBUTES, type AttributeFact, type CallReject, perReasonList, type ReasonList, type WireNode } from '../spec/index.js';
import { badReasonArb } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault, FaultGroup } from './fault.js';
import { malformedJidArb } from './malformed-jid.js';
import { plainNode } from './node-rendering.js';

/** A broken node, made from a valid message (`input` is `unknown`: some are not nodes at all). */
export type NodeMutation = Fault<unknown> & { base: CallReject };

/** An edit changes the node in place (`apply`) or stands something else in its place (`replace`). */
type Edit = { fault: string; culprit: string[]; apply?: (n: WireNode) => void; replace?: (n: WireNode) => unknown };

const names = (a: AttributeFact) => [a.name, a.field];
const reject = (n: WireNode) => (n.content as WireNode[])[0]!;
const attrsOf = (n: WireNode, a: AttributeFact) => (a.element === 'call' ? n.attrs : reject(n).attrs);

const NOT_NODES: Record<string, (n: WireNode) => unknown> = {
  null: () => null,
  undefined: () => undefined,
  string: () => '<call/>',
  number: () => 42,
  'no-attrs': (n) => ({ tag: n.tag, content: n.content }),
  'attrs-null': (n) => ({ ...n, attrs: null }),
  'attr-not-string': (n) => ({ ...n, attrs: { ...n.attrs, id: 5 } }),
  'child-not-node': (n) => ({ ...n, content: [42] }),
};

const editArbs = perReasonList((reasons: ReasonList) => {
  const required = fc.constantFrom(...REQUIRED_ATTRIBUTES);
  const tag = (...t: string[]) => fc.constantFrom(...t);
  return {
    'missing-attribute': required.map((a): Edit => ({
      fault: `missing-attribute:${a.name}`, culprit: names(a), apply: (n) => void delete attrsOf(n, a)[a.name],
    })),
    'empty-attribute': required.map((a): Edit => ({
      fault: `empty-attribute:${a.name}`, culprit: names(a), apply: (n) => void (attrsOf(n, a)[a.name] = ''),
    })),
    'reason-outside-enum': badReasonArb(reasons).map((r): Edit => ({
      fault: `reason-outside-enum:${JSON.stringify(r)}`, culprit: ['reason'], apply: (n) => void (reject(n).attrs.reason = r),
    })),
    'malformed-jid': fc.tuple(fc.constantFrom(...JID_ATTRIBUTES), malformedJidArb).map(([a, { kind, jid }]): Edit => ({
      fault: `malformed-jid:${a.name}:${kind}`, culprit: names(a), apply: (n) => void (attrsOf(n, a)[a.name] = jid),
    })),
    'wrong-child': tag('terminate', 'accept', 'offer', 'Reject').map((t): Edit => ({
      fault: `wrong-child:${t}`, culprit: ['reject', t], apply: (n) => void (reject(n).tag = t),
    })),
    'no-child': tag('no-content', 'empty-array', 'string-content', 'bytes-content').map((v): Edit => ({
      fault: `no-child:${v}`, culprit: ['reject', 'content'],
      apply: (n) => {
        if (v === 'no-content') delete n.content;
        else n.content = v === 'empty-array' ? [] : v === 'string-content' ? 'reject' : new Uint8Array([1]);
      },
    })),
    'two-rejects': fc.boolean().map((same): Edit => ({
      fault: `two-rejects:${same ? 'identical' : 'different'}`, culprit: ['reject'],
      apply: (n) => {
        const r = reject(n);
        (n.content as WireNode[]).push({ tag: 'reject', attrs: same ? { ...r.attrs } : { ...r.attrs, 'call-id': `${r.attrs['call-id']}2` } });
      },
    })),
    'extra-child': fc.tuple(tag('terminate', 'x', 'accept', 'reject-extra'), fc.boolean()).map(([t, first]): Edit => ({
      fault: `extra-child:${t}:${first ? 'before' : 'after'}`, culprit: ['reject', 'call', t],
      apply: (n) => void (n.content as WireNode[])[first ? 'unshift' : 'push']({ tag: t, attrs: {} }),
    })),
    'wrong-root': tag('iq', 'message', 'receipt', 'Call', 'terminate').map((t): Edit => ({
      fault: `wrong-root:${t}`, culprit: ['call', t], apply: (n) => void (n.tag = t),
    })),
    'not-a-node': fc.constantFrom(...Object.keys(NOT_NODES)).map((k): Edit => ({
      fault: `not-a-node:${k}`, culprit: [], replace: NOT_NODES[k]!,
    })),
  } satisfies Partial<Record<FaultGroup, fc.Arbitrary<Edit>>>;
});

/** The fault classes {@link nodeMutationArb} makes. */
export type NodeFaultGroup = keyof ReturnType<typeof editArbs>;

/** A valid message made into a broken node by exactly one fault of class `g`. */
export function nodeMutationArb(reasons: ReasonList, g: NodeFaultGroup): fc.Arbitrary<NodeMutation> {
  return fc.tuple(callRejectArb(reasons), editArbs(reasons)[g]).map(([base, edit]) => {
    const node = plainNode(base);
    const input = edit.replace ? edit.replace(node) : (edit.apply!(node), node);
    return { group: g, fault: edit.fault, culprit: edit.culprit, input, base };
  });
}
