import fc from 'fast-check';
import { ATTRIBUTES, stanzaAttributes, type CallReject, type ReasonList, type WireNode } from '../spec/index.js';
import { callRejectArb, judgeableMessageArb, messageKinds, realisticMessageArb } from './call-reject.js';
import { kind, mapKinds, type Kinds } from './kinds.js';
import { BUILTIN_PROPERTY_NAMES } from './text.js';

/** A message and one node that means exactly it. */
export interface NodeRendering {
  message: CallReject;
  node: WireNode;
}

/** The ways a node can vary: key order (`layout`), unknown attributes (`extras`), content inside `<reject>` (`content`). */
export type NodeFeature = 'layout' | 'extras' | 'content';

/**
 * What a node rendering draws from, table by table (test/arbitraries/node.test.ts
 * asserts that the generator produces every one of them).
 */
export const NODE_SPELLINGS = {
  /** What `<reject>` holds when the `content` feature is on, each made afresh. */
  contents: [
    () => [],
    () => 'text inside',
    () => new Uint8Array([0, 1, 255]),
    () => [{ tag: 'detail', attrs: { a: '1' } }],
  ] as readonly (() => WireNode['content'])[],
  /** Unknown attribute names drawn beside the built-in property names and random names when the `extras` feature is on. */
  extraNames: ['count', 'e'],
  /** The values unknown attributes take. */
  extraValues: ['0', '1', 'x'],
} as const;

const CONTENTS = NODE_SPELLINGS.contents;

const extraArb = fc.uniqueArray(
  fc.tuple(
    fc.oneof(
      fc.constantFrom(...NODE_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES.filter((n) => n !== '__proto__')),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    ),
    fc.constantFrom(...NODE_SPELLINGS.extraValues),
  ),
  { maxLength: 3, selector: ([n]) => n },
);

function attrs(known: [string, string][], extras: [string, string][], element: string, keys: number[]): Record<string, string> {
  const taken = new Set(ATTRIBUTES.filter((a) => a.element === element).map((a) => a.name));
  const all = [...known, ...extras.filter(([n]) => !taken.has(n))];
  const order = all.map((pair, i) => ({ pair, i, key: keys[i] ?? 0 })).sort((a, b) => a.key - b.key || a.i - b.i);
  return Object.fromEntries(order.map((o) => o.pair));
}

type Shape = { k1: number[]; k2: number[]; x1: [string, string][]; x2: [string, string][]; c: number };

function shapeArb(on: ReadonlySet<NodeFeature>): fc.Arbitrary<Shape> {
  const keys = on.has('layout') ? fc.array(fc.nat(9), { minLength: 10, maxLength: 10 }) : fc.constant([] as number[]);
  const extras = on.has('extras') ? extraArb : fc.constant([] as [string, string][]);
  const content = on.has('content') ? fc.nat(CONTENTS.length - 1) : fc.constant(-1);
  return fc.record({ k1: keys, k2: keys, x1: extras, x2: extras, c: content }, { noNullPrototype: true });
}

function build(message: CallReject, s: Shape): NodeRendering {
  const pairs = stanzaAttributes(message);
  const reject: WireNode = { tag: 'reject', attrs: attrs(pairs.reject, s.x2, 'reject', s.k2) };
  if (s.c >= 0) reject.content = CONTENTS[s.c]!();
  return { message, node: { tag: 'call', attrs: attrs(pairs.call, s.x1, 'call', s.k1), content: [reject] } };
}

const reversed = Array.from({ length: 10 }, (_, i) => 10 - i);
type Pin = (s: Shape) => Shape;

/** For each feature, the variants every run tries, by name. */
const FEATURE_PINS: Record<NodeFeature, Readonly<Record<string, Pin>>> = {
  layout: {
    any: (s) => s,
    'page-order': (s) => ({ ...s, k1: [], k2: [] }),
    'reversed-order': (s) => ({ ...s, k1: reversed, k2: reversed }),
  },
  extras: {
    any: (s) => s,
    'count-zero': (s) => ({ ...s, x2: [['count', '0']] }),
    'builtin-names': (s) => ({
      ...s,
      x1: [
        ['constructor', '1'],
        ['toString', 'x'],
      ],
      x2: [
        ['hasOwnProperty', '0'],
        ['length', '9'],
      ],
    }),
  },
  content: Object.fromEntries(['empty-array', 'text', 'bytes', 'element'].map((name, i) => [name, (s: Shape) => ({ ...s, c: i })])),
};

/** A valid message and a node meaning exactly it, varying what `features` turn on. */
export function nodeRenderingArb(reasons: ReasonList, features: readonly NodeFeature[]): fc.Arbitrary<NodeRendering> {
  return fc.tuple(callRejectArb(reasons), shapeArb(new Set(features))).map(([message, shape]) => build(message, shape));
}

/**
 * The kinds of node a check with `features` tries: with no feature, each
 * message kind as its plain node; else each variant of the first feature,
 * and real traffic (with `count="0"` when extras are on).
 */
export function nodeRenderingKinds(reasons: ReasonList, features: readonly NodeFeature[]): Kinds<NodeRendering> {
  if (features.length === 0) return mapKinds(messageKinds(reasons), (message) => ({ message, node: plainNode(message) }));
  const on = new Set(features);
  const pins = Object.entries(FEATURE_PINS[features[0]!]).map(([name, pin]) =>
    kind(
      `${features[0]}:${name}`,
      fc.tuple(judgeableMessageArb(reasons), shapeArb(on)).map(([m, s]) => build(m, pin(s))),
    ),
  );
  const real = (['phone', 'lid'] as const).map((a) =>
    kind(
      `realistic:${a}`,
      fc
        .tuple(realisticMessageArb(reasons, a), shapeArb(on))
        .map(([m, s]) => build(m, on.has('extras') ? { ...s, x2: [['count', '0']] } : s)),
      0.25 * pins.length,
    ),
  );
  return [...pins, ...real];
}

/** The plain node of a message: page order, no extras, no content in `<reject>`. */
export function plainNode(message: CallReject): WireNode {
  const pairs = stanzaAttributes(message);
  return { tag: 'call', attrs: Object.fromEntries(pairs.call), content: [{ tag: 'reject', attrs: Object.fromEntries(pairs.reject) }] };
}
