import fc from 'fast-check';
import { ATTRIBUTES, stanzaAttributes, type CallReject, type ReasonList, type WireNode } from '../spec/index.js';
import { callRejectArb } from './call-reject.js';
import { BUILTIN_PROPERTY_NAMES } from './text.js';

/** A message and one node that means exactly it. */
export interface NodeRendering {
  message: CallReject;
  node: WireNode;
}

/** The ways a node can vary: key order (`layout`), unknown attributes (`extras`), content inside `<reject>` (`content`). */
export type NodeFeature = 'layout' | 'extras' | 'content';

const CONTENTS: (() => WireNode['content'])[] = [
  () => [],
  () => 'text inside',
  () => new Uint8Array([0, 1, 255]),
  () => [{ tag: 'detail', attrs: { a: '1' } }],
];

const extraArb = fc.uniqueArray(
  fc.tuple(fc.oneof(fc.constantFrom('count', 'e', ...BUILTIN_PROPERTY_NAMES.filter((n) => n !== '__proto__')), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)), fc.constantFrom('0', '1', 'x')),
  { maxLength: 3, selector: ([n]) => n },
);

function attrs(known: [string, string][], extras: [string, string][], element: string, keys: number[]): Record<string, string> {
  const taken = new Set(ATTRIBUTES.filter((a) => a.element === element).map((a) => a.name));
  const all = [...known, ...extras.filter(([n]) => !taken.has(n))];
  const order = all.map((pair, i) => ({ pair, i, key: keys[i] ?? 0 })).sort((a, b) => a.key - b.key || a.i - b.i);
  return Object.fromEntries(order.map((o) => o.pair));
}

/** A valid message and a node meaning exactly it, varying what `features` turn on. */
export function nodeRenderingArb(reasons: ReasonList, features: readonly NodeFeature[]): fc.Arbitrary<NodeRendering> {
  const on = new Set(features);
  const keys = on.has('layout') ? fc.array(fc.nat(9), { minLength: 10, maxLength: 10 }) : fc.constant([] as number[]);
  const extras = on.has('extras') ? fc.tuple(extraArb, extraArb) : fc.constant([[], []] as [string, string][][]);
  const content = on.has('content') ? fc.nat(CONTENTS.length - 1) : fc.constant(-1);
  return fc.tuple(callRejectArb(reasons), keys, keys, extras, content).map(([message, k1, k2, [x1, x2], c]) => {
    const pairs = stanzaAttributes(message);
    const reject: WireNode = { tag: 'reject', attrs: attrs(pairs.reject, x2!, 'reject', k2) };
    if (c >= 0) reject.content = CONTENTS[c]!();
    return { message, node: { tag: 'call', attrs: attrs(pairs.call, x1!, 'call', k1), content: [reject] } };
  });
}

/** The plain node of a message: page order, no extras, no content in `<reject>`. */
export function plainNode(message: CallReject): WireNode {
  const pairs = stanzaAttributes(message);
  return { tag: 'call', attrs: Object.fromEntries(pairs.call), content: [{ tag: 'reject', attrs: Object.fromEntries(pairs.reject) }] };
}
