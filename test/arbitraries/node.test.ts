import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeMutationArb, nodeRenderingArb, type NodeFaultGroup } from '../../arbitraries/index.js';
import { referenceNodeAdapter } from '../../adapters/reference/node.js';
import { messageFromAttributes, messageProblems, reasonList, wireNodeSchema, type WireNode } from '../../spec/index.js';
import { normal } from '../helpers/oracle.js';

const reasons = reasonList();
const GROUPS: NodeFaultGroup[] = ['missing-attribute', 'empty-attribute', 'reason-outside-enum', 'malformed-jid', 'wrong-child', 'no-child', 'two-rejects', 'extra-child', 'wrong-root', 'not-a-node'];

/** What a node means, read straight from its shape: the oracle of the node wire. */
function meaning(node: WireNode) {
  const children = Array.isArray(node.content) ? node.content : [];
  const reject = children[0]!;
  return messageFromAttributes(node.attrs, reject.attrs);
}

describe('node renderings', () => {
  it('are nodes, with one <reject>, meaning exactly their message', () => {
    fc.assert(
      fc.property(nodeRenderingArb(reasons, ['layout', 'extras', 'content']), ({ message, node }) => {
        expect(wireNodeSchema.safeParse(node).success).toBe(true);
        expect(node.tag).toBe('call');
        expect((node.content as WireNode[]).map((c) => c.tag)).toEqual(['reject']);
        expect(normal(meaning(node) as never)).toEqual(normal(message));
      }),
      { numRuns: 500 },
    );
  });

  it('vary key order, add count="0" and fill <reject> with content', () => {
    const nodes = fc.sample(nodeRenderingArb(reasons, ['layout', 'extras', 'content']), { numRuns: 300, seed: 29 }).map((r) => r.node);
    expect(nodes.some((n) => Object.keys(n.attrs)[0] !== 'from')).toBe(true);
    expect(nodes.some((n) => (n.content as WireNode[])[0]!.attrs.count === '0')).toBe(true);
    expect(nodes.some((n) => (n.content as WireNode[])[0]!.content instanceof Uint8Array)).toBe(true);
  });
});

describe('node mutations', () => {
  for (const g of GROUPS) {
    it(`${g}: each is refused by the reference node decoder and is no conforming node`, () => {
      const decode = referenceNodeAdapter(reasons).reject.decode!;
      for (const f of fc.sample(nodeMutationArb(reasons, g), { numRuns: 200, seed: 31 })) {
        expect(() => decode(f.input as WireNode), f.fault).toThrow();
        const node = f.input as WireNode;
        const conforming =
          wireNodeSchema.safeParse(node).success && node.tag === 'call' && Array.isArray(node.content) &&
          node.content.length === 1 && node.content[0]!.tag === 'reject' && messageProblems(meaning(node), reasons).length === 0;
        expect(conforming, f.fault).toBe(false);
      }
    });
  }
});
