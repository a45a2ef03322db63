import { isDeepStrictEqual } from 'node:util';
import { mapKinds, messageKinds, nodeRenderingKinds, replyCaseKinds } from '../../arbitraries/index.js';
import type { Operation } from '../../adapters/contract.js';
import { defineCheck, type Check, type CodecCaller, type Finding } from '../check.js';
import { ref } from '../_internals/refs.js';

const noChange = ref.contract('What a codec owes on bad input', 'no function may change the object it was given');

/** Calls `op` on `args` and reports any change the codec made to them. */
async function unchanged(op: Operation, args: unknown[], names: string[], codec: CodecCaller): Promise<Finding | undefined> {
  const before = structuredClone(args);
  const { argsAfter } = await codec.callWatching(op, ...args);
  for (const [i, arg] of argsAfter.entries()) {
    if (!isDeepStrictEqual(arg, before[i])) {
      return { code: 'input_changed', message: `${op} changed its ${names[i]} argument`, expected: before[i], received: arg };
    }
  }
  return undefined;
}

/** No codec function changes the object it was given. */
export const HYGIENE_CHECKS: Check[] = [
  defineCheck({
    id: 'reject.hygiene.encode-input',
    level: 'must',
    basis: 'contract',
    needs: ['encode'],
    wires: ['xml', 'node'],
    title: 'encode leaves the message it was given unchanged',
    reference: noChange,
    kinds: (ctx) => messageKinds(ctx.reasons),
    verify: (msg, ctx) => unchanged('encode', [msg], ['message'], ctx.codec),
  }),
  defineCheck({
    id: 'reject.hygiene.decode-input',
    level: 'must',
    basis: 'contract',
    needs: ['decode'],
    wires: ['node'],
    title: 'decode leaves the node it was given unchanged',
    reference: noChange,
    kinds: (ctx) => mapKinds(nodeRenderingKinds(ctx.reasons, ['content', 'extras', 'layout']), (r) => r.node),
    verify: (node, ctx) => unchanged('decode', [node], ['node'], ctx.codec),
  }),
  defineCheck({
    id: 'reject.hygiene.reply-input',
    level: 'must',
    basis: 'contract',
    needs: ['reply'],
    wires: ['xml', 'node'],
    title: 'reply leaves the offer and the options it was given unchanged',
    reference: noChange,
    kinds: (ctx) => replyCaseKinds(ctx.reasons),
    verify: (c, ctx) => unchanged('reply', [c.offer, c.options], ['offer', 'options'], ctx.codec),
  }),
];
