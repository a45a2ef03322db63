import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeMutationArb, nodeRenderingArb, type NodeFaultGroup } from '../../arbitraries/index.js';
import { referenceNodeAdapter } from '../../adapters/reference/node.js';
import { reasonList, type WireNode } from '../../spec/index.js';
import { judgeNode, normal } from '../fixtures/independent/judge.js';

const reasons = reasonList();
const GROUPS: NodeFaultGroup[] = ['missing-attribute', 'empty-attribute', 'reason-outside-enum', 'malformed-jid', 'wrong-child', 'no-child', 'two-rejects', 'extra-child', 'wrong-root', 'not-a-node'];


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

  it('vary key order, add count="0" and fill <reject> with content', () => {
    const nodes = fc.sample(nodeRenderingArb(reasons, ['layout', 'extras', 'content']), { numRuns: 300, seed: 29 }).map((r) => r.node);
    expect(nodes.some((n) => Object.keys(n.attrs)[0] !== 'from')).toBe(true);
    expect(nodes.some((n) => (n.content as WireNode[])[0]!.attrs.count === '0')).toBe(true);
    expect(nodes.some((n) => (n.content as WireNode[])[0]!.content instanceof Uint8Array)).toBe(true);
  });
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
