import { messageKinds } from '../../arbitraries/index.js';
import { defineCheck, type Check } from '../check.js';
import { compareMessages, mayRefuse, normalMessage } from '../_internals/compare.js';
import { returnedValue } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';

const roundtrip = defineCheck({
  id: 'reject.roundtrip', level: 'must', basis: 'contract', needs: ['encode', 'decode'], wires: ['xml', 'node'],
  title: 'decode(encode(m)) equals m',
  ref: ref.contract('The logical message: CallReject'),
  accepts: 'a refusal of a reason other than declined or busy (the page asks whether reject uses only those)',
  kinds: (ctx) => messageKinds(ctx.reasons),
  show: normalMessage,
  async verify(msg, ctx) {
    const encoded = await ctx.codec.call('encode', msg);
    if (encoded.kind === 'threw' && mayRefuse(msg, ctx.reasons)) return undefined;
    const wire = returnedValue(encoded, 'encode', 'the wire form of the stanza');
    if ('finding' in wire) return wire.finding;
    const decoded = returnedValue(await ctx.codec.call('decode', wire.value), 'decode', 'the message it encoded');
    if ('finding' in decoded) return { ...decoded.finding, message: `${decoded.finding.message} (on encode's own output)`, received: wire.value };
    return compareMessages(msg, decoded.value);
  },
});

/** decode undoes encode. */
export const ROUNDTRIP_CHECKS: Check[] = [roundtrip];
