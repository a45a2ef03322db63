import { callRejectArb, kind, withReason } from '../../arbitraries/index.js';
import type { CallReject } from '../../spec/index.js';
import { describeValue } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext } from '../check.js';
import { compareMessages, normalMessage } from '../_internals/compare.js';
import { returnedValue } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';
import { readWire, stanzaAttrs } from '../_internals/wire-view.js';
import { plainWire } from './decode.js';

/** Messages whose reason is one the page does not say reject uses (beyond declined and busy). */
const beyond = (ctx: CheckContext) =>
  ctx.reasons.values
    .filter((v) => !ctx.reasons.onReject.includes(v))
    .map((value) =>
      kind(
        `reason:${value}`,
        callRejectArb(ctx.reasons).map((m) => withReason(m, { value }) as CallReject),
      ),
    );
const rule = ref.notes('enum:terminate-reasons', 'one list, shared with terminate');
const note = 'the must-level checks accept a refusal of these; this one reports which reading the codec takes';

/** Whether the codec takes the full shared enum on reject, as the project reads the page. */
export const REASON_LIST_CHECKS: Check[] = [
  defineCheck({
    id: 'reject.encode.full-reason-list',
    level: 'should',
    basis: 'decision',
    needs: ['encode'],
    wires: ['xml', 'node'],
    title: 'encode writes every reason of the shared enum, not only declined and busy',
    reference: rule,
    accepts: note,
    kinds: beyond,
    show: normalMessage,
    async verify(msg, ctx) {
      const got = returnedValue(await ctx.codec.call('encode', msg), 'encode', `a stanza with reason ${describeValue(msg.reason)}`);
      if ('finding' in got) return got.finding;
      const read = readWire(got.value, ctx.wire);
      const attrs = 'view' in read ? stanzaAttrs(read.view) : undefined;
      if (!attrs || attrs.reject.reason === msg.reason) return undefined;
      return {
        code: 'mismatch',
        message: `<reject reason>: expected ${describeValue(msg.reason)}, received ${describeValue(attrs.reject.reason)}`,
        expected: msg.reason,
        received: attrs.reject.reason,
      };
    },
  }),
  defineCheck({
    id: 'reject.decode.full-reason-list',
    level: 'should',
    basis: 'decision',
    needs: ['decode'],
    wires: ['xml', 'node'],
    title: 'decode reads every reason of the shared enum, not only declined and busy',
    reference: rule,
    accepts: note,
    kinds: beyond,
    show: normalMessage,
    async verify(msg, ctx) {
      const got = returnedValue(
        await ctx.codec.call('decode', plainWire(msg, ctx.wire).wire),
        'decode',
        `the message with reason ${describeValue(msg.reason)}`,
      );
      return 'finding' in got ? got.finding : compareMessages(msg, got.value);
    },
  }),
];
