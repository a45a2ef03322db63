import fc from 'fast-check';
import {
  JID_ATTRIBUTES,
  REQUIRED_ATTRIBUTES,
  type AttributeFact,
  type CallReject,
  perReasonList,
  type ReasonList,
  type WireNode,
} from '../spec/index.js';
import { badReasonKinds } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault, FaultGroup } from './fault.js';
import { anyOfKinds, editedKinds, kind, type CaseKind } from './kinds.js';
import { malformedJidKindsFor } from './malformed-jid.js';
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

const constant = (fault: string, culprit: string[], edit: Omit<Edit, 'fault' | 'culprit'>) =>
  kind(fault, fc.constant<Edit>({ fault, culprit, ...edit }));

const WRONG_CHILDREN = ['terminate', 'accept', 'offer', 'Reject'];
const EXTRA_CHILDREN = ['terminate', 'x', 'accept', 'reject-extra'];
const WRONG_ROOTS = ['iq', 'message', 'receipt', 'Call', 'terminate'];
const NO_CHILD: Readonly<Record<string, (n: WireNode) => void>> = {
  'no-content': (n) => void delete n.content,
  'empty-array': (n) => void (n.content = []),
  'string-content': (n) => void (n.content = 'reject'),
  'bytes-content': (n) => void (n.content = new Uint8Array([1])),
};

/** The kinds of each fault class, named after the fault; `reasons` bounds what is outside the enum. */
const editKinds = perReasonList(
  (reasons: ReasonList) =>
    ({
      'missing-attribute': REQUIRED_ATTRIBUTES.flatMap((a) => [
        constant(`missing-attribute:${a.name}`, names(a), { apply: (n) => void delete attrsOf(n, a)[a.name] }),
        constant(`missing-attribute:${a.name}:on-${a.element === 'call' ? 'reject' : 'call'}`, names(a), {
          apply: (n) => {
            const own = attrsOf(n, a);
            const other = a.element === 'call' ? reject(n).attrs : n.attrs;
            other[a.name] = own[a.name]!;
            delete own[a.name];
          },
        }),
        constant(`missing-attribute:${a.name}:upper-case-name`, names(a), {
          apply: (n) => {
            const own = attrsOf(n, a);
            own[a.name.toUpperCase()] = own[a.name]!;
            delete own[a.name];
          },
        }),
      ]),
      'empty-attribute': REQUIRED_ATTRIBUTES.map((a) =>
        constant(`empty-attribute:${a.name}`, names(a), { apply: (n) => void (attrsOf(n, a)[a.name] = '') }),
      ),
      'reason-outside-enum': badReasonKinds(reasons).map((k) =>
        kind(
          `reason-outside-enum:${k.name}`,
          k.arbitrary.map((r): Edit => ({
            fault: `reason-outside-enum:${k.name}`,
            culprit: ['reason'],
            apply: (n) => void (reject(n).attrs.reason = r),
          })),
        ),
      ),
      'malformed-jid': JID_ATTRIBUTES.flatMap((a, slot) =>
        malformedJidKindsFor(slot, 'stanza').map((k) =>
          kind(
            `malformed-jid:${a.name}:${k.name}`,
            k.arbitrary.map((jid): Edit => ({
              fault: `malformed-jid:${a.name}:${k.name}`,
              culprit: names(a),
              apply: (n) => void (attrsOf(n, a)[a.name] = jid),
            })),
          ),
        ),
      ),
      'wrong-child': WRONG_CHILDREN.map((t) => constant(`wrong-child:${t}`, ['reject', t], { apply: (n) => void (reject(n).tag = t) })),
      'no-child': Object.entries(NO_CHILD).map(([v, apply]) => constant(`no-child:${v}`, ['reject', 'content'], { apply })),
      'two-rejects': (['identical', 'different'] as const).map((v) =>
        constant(`two-rejects:${v}`, ['reject'], {
          apply: (n) => {
            const r = reject(n);
            (n.content as WireNode[]).push({
              tag: 'reject',
              attrs: v === 'identical' ? { ...r.attrs } : { ...r.attrs, 'call-id': `${r.attrs['call-id']}2` },
            });
          },
        }),
      ),
      'extra-child': EXTRA_CHILDREN.flatMap((t) =>
        (['before', 'after'] as const).map((where) =>
          constant(`extra-child:${t}:${where}`, ['reject', 'call', t], {
            apply: (n) => void (n.content as WireNode[])[where === 'before' ? 'unshift' : 'push']({ tag: t, attrs: {} }),
          }),
        ),
      ),
      'wrong-root': [
        ...WRONG_ROOTS.map((t) => constant(`wrong-root:${t}`, ['call', t], { apply: (n) => void (n.tag = t) })),
        ...['iq', 'call'].map((t) =>
          constant(`wrong-root:inside-${t}`, ['call', t], { replace: (n) => ({ tag: t, attrs: {}, content: [n] }) }),
        ),
      ],
      'not-a-node': Object.entries(NOT_NODES).map(([k, replace]) => constant(`not-a-node:${k}`, [], { replace })),
    }) satisfies Partial<Record<FaultGroup, CaseKind<Edit>[]>>,
);

/** The fault classes {@link nodeMutationArb} makes. */
export type NodeFaultGroup = keyof ReturnType<typeof editKinds>;

/** The node fault classes, in the order checks list them. */
export const NODE_FAULT_GROUPS = Object.keys(editKinds({ values: ['x'], onReject: [], extended: [] })) as NodeFaultGroup[];

/** The kinds of broken node of class `g`, each a valid message made into a node with exactly that fault. */
export const nodeMutationKinds = perReasonList((reasons: ReasonList) =>
  editedKinds(NODE_FAULT_GROUPS, editKinds(reasons), callRejectArb(reasons), (g, base, edit: Edit): NodeMutation => {
    const node = plainNode(base);
    const input = edit.replace ? edit.replace(node) : (edit.apply!(node), node);
    return { group: g, fault: edit.fault, culprit: edit.culprit, input, base };
  }),
);

/** A valid message made into a broken node by exactly one fault of class `g`, of any of its kinds. */
export function nodeMutationArb(reasons: ReasonList, g: NodeFaultGroup): fc.Arbitrary<NodeMutation> {
  return anyOfKinds(nodeMutationKinds(reasons)[g]);
}
