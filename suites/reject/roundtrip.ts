import { messageKinds } from '../../arbitraries/index.js';
import type { CallReject } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Finding } from '../check.js';
import { compareMessages, mayRefuse, normalMessage, SUBSET_READING_ACCEPTED } from '../_internals/compare.js';
import { returnedValue } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';
import { validMessage } from './encode.js';

/** decode(encode(msg)) equals msg; a refusal of a reason beyond declined and busy is accepted. */
export async function roundtrips(msg: CallReject, ctx: CheckContext): Promise<Finding | undefined> {
  const encoded = await ctx.codec.call('encode', msg);
  if (encoded.kind === 'threw' && mayRefuse(msg, ctx.reasons)) return undefined;
  const wire = returnedValue(encoded, 'encode', 'the wire form of the stanza');
  if ('finding' in wire) return wire.finding;
  const decoded = returnedValue(await ctx.codec.call('decode', wire.value), 'decode', 'the message it encoded');
  if ('finding' in decoded)
    return { ...decoded.finding, message: `${decoded.finding.message} (on encode's own output)`, received: wire.value };
  return compareMessages(msg, decoded.value);
}

const roundtrip = defineCheck({
  id: 'reject.roundtrip',
  level: 'must',
  basis: 'contract',
  needs: ['encode', 'decode'],
  wires: ['xml', 'node'],
  title: 'decode(encode(m)) equals m',
  reference: ref.contract('The logical message: CallReject'),
  accepts: SUBSET_READING_ACCEPTED,
  kinds: (ctx) => messageKinds(ctx.reasons),
  show: normalMessage,
  corpusCase: validMessage,
  verify: roundtrips,
});

/** decode undoes encode. */
export const ROUNDTRIP_CHECKS: Check[] = [roundtrip];
