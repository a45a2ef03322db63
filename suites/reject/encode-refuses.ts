import { invalidMessageKinds, type InvalidMessage, type MessageFaultGroup } from '../../arbitraries/index.js';
import { defineCheck, type Check, type CheckContext } from '../check.js';
import { judgeError } from '../_internals/error-quality.js';
import { refusal } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';

const show = (m: InvalidMessage) => ({ fault: m.fault, message: m.input });

const GROUPS: { group: MessageFaultGroup; title: string; wires: ('xml' | 'node')[] }[] = [
  { group: 'missing-attribute', title: 'a required field missing or undefined', wires: ['xml', 'node'] },
  { group: 'empty-attribute', title: 'a required field that is ""', wires: ['xml', 'node'] },
  { group: 'reason-outside-enum', title: 'a reason outside enum:terminate-reasons (case variants, "", null)', wires: ['xml', 'node'] },
  { group: 'malformed-jid', title: 'a malformed JID in from, to or callCreator', wires: ['xml', 'node'] },
  { group: 'unencodable-character', title: 'a character XML 1.0 cannot carry (controls, U+FFFE, lone surrogates)', wires: ['xml'] },
];

const refuses: Check<InvalidMessage>[] = GROUPS.map(({ group, title, wires }) =>
  defineCheck({
    id: `reject.encode.refuses.${group}`,
    level: 'must',
    basis: 'contract',
    needs: ['encode'],
    wires,
    title: `encode throws on ${title}`,
    reference: ref.contract('What a codec owes on bad input'),
    kinds: (ctx) => invalidMessageKinds(ctx.reasons)[group],
    show,
    corpusCase: (m) => ({ layout: 'invalid-message', message: m.input }),
    async verify(m, ctx) {
      return refusal(await ctx.codec.call('encode', m.input), 'encode', `an invalid message (${m.fault})`);
    },
  }),
);

/** Every kind of every fault class that applies on the run's wire (every one is must-level). */
export const anyInvalid = (ctx: CheckContext) =>
  GROUPS.filter((g) => g.wires.includes(ctx.wire)).flatMap((g) => invalidMessageKinds(ctx.reasons)[g.group]);

const errorType = defineCheck({
  id: 'reject.encode.error-type',
  level: 'should',
  basis: 'contract',
  needs: ['encode'],
  wires: ['xml', 'node'],
  title: 'encode refuses by throwing an Error, not a string or a plain object',
  reference: ref.contract('What a codec owes on bad input'),
  kinds: anyInvalid,
  show,
  verify: (m, ctx) => judgeError('encode', m, ctx, 'type'),
});

const errorNames = defineCheck({
  id: 'reject.encode.error-names-culprit',
  level: 'should',
  basis: 'contract',
  needs: ['encode'],
  wires: ['xml', 'node'],
  title: "encode's error message names the offending field or attribute",
  reference: ref.contract('What a codec owes on bad input'),
  accepts:
    'the wire name (call-id) or the field name (callId), in any case; also "reason" when the message carries a reason beyond declined and busy, which a codec taking the subset reading refuses',
  kinds: anyInvalid,
  show,
  verify: (m, ctx) => judgeError('encode', m, ctx, 'names'),
});

/** The checks that encode refuses what cannot be a conforming stanza, and refuses it clearly. */
export const ENCODE_REFUSAL_CHECKS: Check[] = [...refuses, errorType, errorNames];
