import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROPERTY_NAMES,
  NODE_SPELLINGS,
  nodeMutationArb,
  nodeRenderingArb,
  type NodeFaultGroup,
  type NodeFeature,
} from '../../arbitraries/index.js';
import { referenceNodeAdapter } from '../../adapters/reference/node.js';
import { ATTRIBUTES, reasonList, stanzaAttributes, type WireNode } from '../../spec/index.js';
import { judgeNode, normal } from '../fixtures/independent/judge.js';

const reasons = reasonList();
const GROUPS: NodeFaultGroup[] = [
  'missing-attribute',
  'empty-attribute',
  'reason-outside-enum',
  'malformed-jid',
  'wrong-child',
  'no-child',
  'two-rejects',
  'extra-child',
  'wrong-root',
  'not-a-node',
];

describe('node renderings', () => {
  it('are nodes, with one <reject>, meaning exactly their message', () => {
    fc.assert(
      fc.property(nodeRenderingArb(reasons, ['layout', 'extras', 'content']), ({ message, node }) => {
        const j = judgeNode(node);
        if (!j.ok) throw new Error(`${j.why}\n${JSON.stringify(node)}`);
        expect(j.message).toEqual(normal(message));
      }),
      { numRuns: 500 },
    );
  });
});

describe('node renderings: every variant the generator can make is made', () => {
  // with content off, <reject> has none at all
  const samples = (
    [
      ['layout', 'extras', 'content'],
      ['layout', 'extras'],
    ] as NodeFeature[][]
  ).flatMap((f) => fc.sample(nodeRenderingArb(reasons, f), { numRuns: 1000, seed: 29 }));
  const rejectOf = (n: WireNode) => (n.content as WireNode[])[0]!;
  const some = (what: string, test: (r: (typeof samples)[number]) => boolean) =>
    it(what, () => expect(samples.some(test), what).toBe(true));

  NODE_SPELLINGS.contents.forEach((make, i) => {
    const content = make();
    some(
      `<reject> holding ${content instanceof Uint8Array ? `bytes [${content.join(', ')}]` : JSON.stringify(content)} (contents[${i}])`,
      ({ node }) => isDeepStrictEqual(rejectOf(node).content, content),
    );
  });
  some('<reject> without content', ({ node }) => !('content' in rejectOf(node)));

  (['call', 'reject'] as const).forEach((el) => {
    const attrsOf = (node: WireNode) => (el === 'call' ? node.attrs : rejectOf(node).attrs);
    const known = new Set(ATTRIBUTES.filter((a) => a.element === el).map((a) => a.name));
    const order = (r: (typeof samples)[number]) =>
      Object.keys(attrsOf(r.node))
        .filter((k) => known.has(k))
        .join();
    const page = (r: (typeof samples)[number]) =>
      stanzaAttributes(r.message)
        [el].map(([n]) => n)
        .join();
    some(`<${el}>'s attributes in the page's order`, (r) => page(r).includes(',') && order(r) === page(r));
    some(`<${el}>'s attributes in another order`, (r) => order(r) !== page(r));
    some(`an unknown attribute on <${el}>`, (r) => Object.keys(attrsOf(r.node)).some((k) => !known.has(k)));
  });

  const PAGE_NAMES = new Set(ATTRIBUTES.map((a) => a.name));
  const extras = samples.flatMap(({ node }) =>
    [node.attrs, rejectOf(node).attrs].flatMap((a) => Object.entries(a).filter(([k]) => !PAGE_NAMES.has(k))),
  );
  for (const name of [...NODE_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES.filter((n) => n !== '__proto__')]) {
    it(`the unknown attribute ${name}`, () => expect(extras.some(([k]) => k === name)).toBe(true));
  }
  it('an unknown attribute of a random name', () => {
    const listed = new Set<string>([...NODE_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES]);
    expect(extras.some(([k]) => !listed.has(k))).toBe(true);
  });
  for (const value of NODE_SPELLINGS.extraValues)
    it(`an unknown attribute valued ${JSON.stringify(value)}`, () => expect(extras.some(([, v]) => v === value)).toBe(true));
  some('count="0" on <reject>', ({ node }) => rejectOf(node).attrs.count === '0');
});

describe('node mutations', () => {
  for (const g of GROUPS) {
    it(`${g}: each is refused by the reference node decoder and is no conforming node to the independent judge`, () => {
      const decode = referenceNodeAdapter(reasons).reject.decode!;
      for (const f of fc.sample(nodeMutationArb(reasons, g), { numRuns: 200, seed: 31 })) {
        expect(() => decode(f.input as WireNode), f.fault).toThrow();
        expect(judgeNode(f.input).ok, f.fault).toBe(false);
      }
    });
  }
});
