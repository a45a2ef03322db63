import fc from 'fast-check';
import {
  anyOfKinds,
  kind,
  messageKinds,
  nodeRenderingKinds,
  replyCaseKinds,
  xmlRenderingKinds,
  type Fault,
  type InvalidMessage,
  type Kinds,
  type ReplyCase,
} from '../../arbitraries/index.js';
import type { Operation, Wire } from '../../adapters/contract.js';
import { ATTRIBUTES, attributeLabel, type CallOffer, type CallReject, type ReplyOptions } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Finding } from '../check.js';
import { normalMessage, SUBSET_READING_ACCEPTED } from '../_internals/compare.js';
import { encodeAndRead } from '../_internals/encode-output.js';
import { refusal } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';
import { attributeFinding } from '../_internals/wire-view.js';
import { decodesTo, plainWire } from './decode.js';
import { anyMutation } from './decode-refuses.js';
import { anyInvalid } from './encode-refuses.js';
import { judgeReply } from './reply.js';

/**
 * One call of a sequence and what that input alone requires: a valid stanza
 * decodes to its message, a broken one is refused, a valid message encodes
 * to its stanza, an invalid one is refused, a reply echoes its offer. `note`
 * says how the step relates to an earlier one (the same stanza again, the
 * same call-id).
 */
export type Step =
  | { call: 'decode'; wire: unknown; means: CallReject; note?: string }
  | { call: 'decode'; wire: unknown; fault: string; note?: string }
  | { call: 'encode'; message: CallReject; note?: string }
  | { call: 'encode'; message: Record<string, unknown>; fault: string; note?: string }
  | { call: 'reply'; offer: CallOffer; options: ReplyOptions; note?: string };

/** The longest random sequence: long enough for a state to be set, kept and met; shrinking makes a failing one the shortest. */
export const MAX_STEPS = 8;

const noted = <S extends Step>(s: S, note: string | undefined): S => (note === undefined ? s : { ...s, note });

/** The call-id a step's input carries, when it is a valid input (a broken one's is not read). */
function callIdOf(s: Step): string | undefined {
  if ('fault' in s) return undefined;
  if (s.call === 'decode') return s.means.callId;
  if (s.call === 'encode') return s.message.callId;
  return s.offer.callId;
}

/** `s` (a valid step) with the call-id `callId`, the rest as it was; a decode step is written plainly again. */
function withCallId(s: Step, callId: string, ctx: CheckContext): Step {
  if (s.call === 'decode' && !('fault' in s)) {
    const m = { ...s.means, callId };
    return { call: 'decode', wire: plainWire(m, ctx.wire).wire, means: m };
  }
  if (s.call === 'encode' && !('fault' in s)) return { call: 'encode', message: { ...s.message, callId } };
  if (s.call === 'reply') return { ...s, offer: { ...s.offer, callId } };
  return s;
}

/** A second valid message like `m` in its call-id and different elsewhere: its stanza id changed. */
const otherThan = (m: CallReject, other: CallReject): CallReject =>
  ({ ...other, callId: m.callId, id: other.id === m.id ? `${m.id}x` : other.id }) as CallReject;

/** What a refusal that holds back a reason leaves: a broken input that still carries a reason attribute. */
const carriesReason = (f: { group: string; base?: CallReject }) => f.group === 'reason-outside-enum' || f.base?.reason !== undefined;

/** The fault classes whose broken input is read attribute by attribute before it is refused. */
const ATTRIBUTE_FAULTS = ['missing-attribute', 'empty-attribute', 'reason-outside-enum', 'malformed-jid'];

/** A message without a reason (an optional attribute is where what a refusal left behind shows: a required one is overwritten). */
const withoutReason = (m: CallReject): CallReject => {
  const { reason: _r, ...rest } = m;
  return rest;
};

/** The inputs a sequence is made of, on the run's wire. */
interface Parts {
  validMessage: fc.Arbitrary<CallReject>;
  validStanza: fc.Arbitrary<Step & { call: 'decode' }>;
  brokenStanza: fc.Arbitrary<Fault<unknown>>;
  invalidMessage: fc.Arbitrary<InvalidMessage>;
  replyCase: fc.Arbitrary<ReplyCase>;
}

function parts(ctx: CheckContext): Parts {
  const renderings: Kinds<Step & { call: 'decode' }> =
    ctx.wire === 'xml'
      ? xmlRenderingKinds(ctx.reasons, ['layout', 'refs', 'extras', 'content', 'comments', 'raw-spaces']).map((k) => ({
          ...k,
          arbitrary: k.arbitrary.map((r) => ({ call: 'decode' as const, wire: r.xml, means: r.message })),
        }))
      : nodeRenderingKinds(ctx.reasons, ['layout', 'extras', 'content']).map((k) => ({
          ...k,
          arbitrary: k.arbitrary.map((r) => ({ call: 'decode' as const, wire: r.node, means: r.message })),
        }));
  return {
    validMessage: anyOfKinds(messageKinds(ctx.reasons)),
    validStanza: anyOfKinds(renderings),
    brokenStanza: anyOfKinds(anyMutation(ctx)),
    invalidMessage: anyOfKinds(anyInvalid(ctx)),
    replyCase: anyOfKinds(replyCaseKinds(ctx.reasons)),
  };
}

const decodeValid = (m: CallReject, ctx: CheckContext, note?: string): Step =>
  noted({ call: 'decode', wire: plainWire(m, ctx.wire).wire, means: m }, note);
const decodeBroken = (f: Fault<unknown>, note?: string): Step => noted({ call: 'decode', wire: f.input, fault: f.fault }, note);
const encodeValid = (m: CallReject, note?: string): Step => noted({ call: 'encode', message: m }, note);
const encodeInvalid = (m: InvalidMessage, note?: string): Step => noted({ call: 'encode', message: m.input, fault: m.fault }, note);
const replyTo = (c: ReplyCase, note?: string): Step => noted({ call: 'reply', offer: c.offer, options: c.options }, note);

/** One random step, or two (a valid input and its own near miss); `again`/`same` refer back to an earlier step. */
type Draw = { fresh: Step[] } | { again: number; fresh: Step[] } | { same: number; fresh: Step[] };

/**
 * A random sequence of the calls in `ops`: valid, broken and repeated inputs
 * (the same input as an earlier step; a valid input with an earlier step's
 * call-id; a valid input followed by its own near miss), as plain data.
 * fast-check shrinks an array by dropping items from its front only, so each
 * draw carries a switch that shrinks to off: a failing sequence shrinks to
 * the shortest that still fails, whichever steps it keeps.
 */
function randomSequence(ctx: CheckContext, ops: readonly Operation[]): fc.Arbitrary<Step[]> {
  const p = parts(ctx);
  const fresh: fc.Arbitrary<Step[]>[] = [];
  if (ops.includes('decode'))
    fresh.push(
      p.validStanza.map((s) => [s]),
      p.brokenStanza.map((f) => [decodeBroken(f)]),
      p.brokenStanza.map((f) => [decodeValid(f.base!, ctx), decodeBroken(f, 'the stanza of the step before, with one fault')]),
    );
  if (ops.includes('encode'))
    fresh.push(
      p.validMessage.map((m) => [encodeValid(m)]),
      p.invalidMessage.map((m) => [encodeInvalid(m)]),
      p.invalidMessage.map((m) => [encodeValid(m.base), encodeInvalid(m, 'the message of the step before, with one fault')]),
    );
  if (ops.includes('reply')) fresh.push(p.replyCase.map((c) => [replyTo(c)]));
  const anyFresh = fc.oneof(...fresh);
  const draw: fc.Arbitrary<Draw> = fc.oneof(
    { weight: 4, arbitrary: anyFresh.map((f) => ({ fresh: f })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), anyFresh).map(([again, f]) => ({ again, fresh: f })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), anyFresh).map(([same, f]) => ({ same, fresh: f })) },
  );
  // each step of a draw on (1 to 7, mostly) or off (0): shrinking turns a step off, never on
  const on = fc.integer({ min: 0, max: 7 });
  const kept = fc.tuple(on, on, draw);
  return fc.array(kept, { minLength: 1, maxLength: MAX_STEPS }).map((draws) => {
    const steps: Step[] = [];
    for (const [first, second, drawn] of draws) {
      // a two-step draw (an input and its near miss) has a switch for each
      const own = drawn.fresh.filter((_, i) => (i === 0 ? first : second) !== 0);
      // a near miss whose valid input was turned off is only a broken input
      if (first === 0 && own.length === 1 && drawn.fresh.length === 2) {
        const { note: _n, ...alone } = own[0]!;
        own[0] = alone as Step;
      }
      if (own.length === 0) continue;
      const d = { ...drawn, fresh: own };
      if ('again' in d && steps.length > 0) {
        const at = d.again % steps.length;
        steps.push({ ...steps[at]!, note: `the same input as step ${at + 1}` });
      } else if ('same' in d && steps.some((s) => callIdOf(s) !== undefined)) {
        const earlier = steps.map((s, i) => ({ s, i })).filter(({ s }) => callIdOf(s) !== undefined);
        const { s, i } = earlier[d.same % earlier.length]!;
        const valid = d.fresh.find((f) => callIdOf(f) !== undefined);
        if (valid) steps.push(noted(withCallId(valid, callIdOf(s)!, ctx), `the call-id of step ${i + 1}, the rest its own`));
        else steps.push(...d.fresh);
      } else steps.push(...d.fresh);
    }
    return steps.slice(0, MAX_STEPS);
  });
}

/** What a step's input alone requires of its answer: undefined when the answer meets it. */
async function judgeStep(s: Step, ctx: CheckContext): Promise<Finding | undefined> {
  if (s.call === 'decode') {
    if ('fault' in s) return refusal(await ctx.codec.call('decode', s.wire), 'decode', `a stanza with ${s.fault}`);
    return decodesTo({ wire: s.wire, message: s.means }, ctx);
  }
  if (s.call === 'encode') {
    if ('fault' in s) return refusal(await ctx.codec.call('encode', s.message), 'encode', `an invalid message (${s.fault})`);
    const m = s.message;
    const r = await encodeAndRead(ctx, 'encode', [m], m.reason, true);
    if (!('attrs' in r)) return 'finding' in r ? r.finding : undefined;
    for (const a of ATTRIBUTES) {
      const got = Object.hasOwn(r.attrs[a.element], a.name) ? r.attrs[a.element][a.name] : undefined;
      const f = attributeFinding(attributeLabel(a), m[a.field], got);
      if (f) return f;
    }
    return undefined;
  }
  const r = await encodeAndRead(ctx, 'reply', [s.offer, s.options], s.options.reason, true);
  if (!('attrs' in r)) return 'finding' in r ? r.finding : undefined;
  return judgeReply(r.attrs, { offer: s.offer, options: s.options });
}

/** The words a finding gives for a step: its number, its call, how it relates to an earlier one. */
const stepWords = (s: Step, i: number, n: number) =>
  `step ${i + 1} of ${n} (${s.call}${'fault' in s ? ` of ${s.fault}` : ''}${s.note ? `, ${s.note}` : ''})`;

/** The fixed message of the settling calls: every attribute, a reason every reading takes, ids no generator draws. */
const SETTLE: CallReject = {
  from: 'A@s.whatsapp.net',
  to: 'B@s.whatsapp.net',
  id: 'SEQUENCE-SETTLE',
  callId: 'SEQUENCE-SETTLE',
  callCreator: 'A@s.whatsapp.net',
  reason: 'declined',
};

/**
 * The calls made before a sequence's own steps: one plain valid call of each
 * operation the check uses. The codec is not started afresh for each case
 * (that costs a worker start), so each case starts from the state a
 * successful call leaves, not from whatever the case before it (or the
 * shrinking attempt before it) left: a failure is the sequence's own, and
 * its replay fails the same way.
 */
export function settlingSteps(ops: readonly Operation[], wire: Wire): Step[] {
  const note = 'settles the codec before the sequence';
  const out: Step[] = [];
  if (ops.includes('decode')) out.push(noted({ call: 'decode', wire: plainWire(SETTLE, wire).wire, means: SETTLE }, note));
  if (ops.includes('encode')) out.push(encodeValid(SETTLE, note));
  if (ops.includes('reply'))
    out.push(
      replyTo(
        {
          offer: { from: SETTLE.from, to: SETTLE.to, id: SETTLE.id, callId: SETTLE.callId, callCreator: SETTLE.callCreator },
          // no reason: what almost every real reply sends
          options: { from: SETTLE.to, id: 'SEQUENCE-SETTLE-REPLY' },
        },
        note,
      ),
    );
  return out;
}

/**
 * Runs the settling calls, then the steps in order, each call awaited before
 * the next is made; the first step whose answer its input alone does not
 * allow fails the case.
 */
export async function runSequence(ops: readonly Operation[], steps: readonly Step[], ctx: CheckContext): Promise<Finding | undefined> {
  for (const s of settlingSteps(ops, ctx.wire)) {
    const f = await judgeStep(s, ctx);
    if (f) return { ...f, message: `the settling ${s.call} before step 1 (a plain valid call): ${f.message}` };
  }
  for (const [i, s] of steps.entries()) {
    const f = await judgeStep(s, ctx);
    if (f) return { ...f, message: `${stepWords(s, i, steps.length)}: ${f.message}` };
  }
  return undefined;
}

/** One step as a person reads it: its number, its call, its input, what it must answer. */
function showStep(s: Step, step: number): unknown {
  const head = { step, call: s.call, ...(s.note ? { note: s.note } : {}) };
  if (s.call === 'decode')
    return 'fault' in s
      ? { ...head, wire: s.wire, expect: `a refusal (${s.fault})` }
      : { ...head, wire: s.wire, expect: normalMessage(s.means) };
  if (s.call === 'encode')
    return 'fault' in s
      ? { ...head, message: s.message, expect: `a refusal (${s.fault})` }
      : { ...head, message: normalMessage(s.message), expect: 'its stanza' };
  return { ...head, offer: s.offer, options: s.options, expect: 'a reject echoing the offer' };
}

/** A sequence as a person reads it: a line for the settling calls, then each step numbered. */
export function showSequence(ops: readonly Operation[], steps: readonly Step[]): unknown {
  const settle = `first ${settlingSteps(ops, 'xml')
    .map((s) => s.call)
    .join(', ')}: one plain valid call each, call-id ${SETTLE.callId} (settles the codec)`;
  return [settle, ...steps.map((s, i) => showStep(s, i + 1))];
}

const seq = <T>(name: string, arb: fc.Arbitrary<T>, steps: (t: T) => Step[]) => kind(`sequence:${name}`, arb.map(steps));
/** The random sequences' share of the random cases: most of them, the short fixed shapes the rest. */
const RANDOM_WEIGHT = 6;

/** The short sequences every run tries first, each the simplest that shows one way state leaks, then random ones. */
function decodeKinds(ctx: CheckContext): Kinds<Step[]> {
  const p = parts(ctx);
  const attributeFault = anyOfKinds(anyMutation(ctx).filter((k) => ATTRIBUTE_FAULTS.some((g) => k.name.startsWith(`${g}:`)))).filter(
    carriesReason,
  );
  return [
    seq('repeat', p.validStanza, (s) => [s, { ...s, note: 'the same stanza as step 1' }]),
    seq('same-call-id-twice', fc.tuple(p.validMessage, p.validMessage), ([a, b]) => [
      decodeValid(a, ctx),
      decodeValid(otherThan(a, b), ctx, 'the call-id of step 1, a different stanza id'),
    ]),
    seq('refused-then-valid', fc.tuple(attributeFault, p.validMessage), ([f, m]) => [
      decodeBroken(f),
      decodeValid(withoutReason(m), ctx, 'a valid stanza without a reason, after a refused one with one'),
    ]),
    seq('valid-then-near-miss', p.brokenStanza, (f) => [
      decodeValid(f.base!, ctx),
      decodeBroken(f, 'the stanza of step 1, with one fault'),
    ]),
    kind('sequence:random', randomSequence(ctx, ['decode']), RANDOM_WEIGHT),
  ];
}

function encodeKinds(ctx: CheckContext): Kinds<Step[]> {
  const p = parts(ctx);
  const withReason = p.invalidMessage.filter(carriesReason);
  return [
    seq('repeat', p.validMessage, (m) => [encodeValid(m), encodeValid(m, 'the same message as step 1')]),
    seq('same-call-id-twice', fc.tuple(p.validMessage, p.validMessage), ([a, b]) => [
      encodeValid(a),
      encodeValid(otherThan(a, b), 'the call-id of step 1, a different stanza id'),
    ]),
    seq('refused-then-valid', fc.tuple(withReason, p.validMessage), ([bad, m]) => [
      encodeInvalid(bad),
      encodeValid(withoutReason(m), 'a valid message without a reason, after a refused one with one'),
    ]),
    seq('valid-then-near-miss', p.invalidMessage, (m) => [encodeValid(m.base), encodeInvalid(m, 'the message of step 1, with one fault')]),
    kind('sequence:random', randomSequence(ctx, ['encode']), RANDOM_WEIGHT),
  ];
}

function mixedKinds(ctx: CheckContext): Kinds<Step[]> {
  const p = parts(ctx);
  return [
    seq('encode-decode-interleaved', fc.tuple(p.validMessage, p.validMessage), ([a, b]) => [
      encodeValid(a),
      decodeValid(otherThan(a, b), ctx, 'the call-id of step 1, a different stanza id'),
      encodeValid(a, 'the same message as step 1'),
      decodeValid(otherThan(a, b), ctx, 'the same stanza as step 2'),
    ]),
    seq('reply-after-refusal', fc.tuple(p.brokenStanza, p.invalidMessage, p.replyCase), ([f, m, c]) => [
      decodeBroken(f),
      encodeInvalid(m),
      replyTo(c),
    ]),
    seq('same-call-id-across-calls', fc.tuple(p.replyCase, p.validMessage, p.validMessage), ([c, a, b]) => [
      replyTo(c),
      decodeValid({ ...a, callId: c.offer.callId }, ctx, "the call-id of step 1's offer"),
      encodeValid({ ...b, callId: c.offer.callId }, "the call-id of step 1's offer"),
    ]),
    kind('sequence:random', randomSequence(ctx, ['decode', 'encode', 'reply']), RANDOM_WEIGHT),
  ];
}

const common = {
  level: 'must',
  basis: 'decision',
  wires: ['xml', 'node'],
  reference: ref.notes('Calls in a row'),
  accepts: `what each step's own check accepts: ${SUBSET_READING_ACCEPTED}; a refusal thrown as anything`,
  sequential: true,
} as const;

/** A sequence check of the calls in `needs`. */
function sequenceCheck(id: string, needs: Operation[], title: string, kinds: (ctx: CheckContext) => Kinds<Step[]>): Check<Step[]> {
  return defineCheck({
    ...common,
    id: `reject.sequence.${id}`,
    needs,
    title,
    kinds,
    show: (steps) => showSequence(needs, steps),
    verify: (steps, ctx) => runSequence(needs, steps, ctx),
  });
}

/**
 * Calls in a row: each answer held to what its input alone requires, so a
 * cache keyed on part of the input, a record or buffer kept between calls, a
 * global regex's lastIndex, or what a refusal leaves behind shows as a wrong
 * answer to a later call.
 */
export const SEQUENCE_CHECKS: Check[] = [
  sequenceCheck(
    'decode',
    ['decode'],
    'decode answers each stanza of a sequence as that stanza alone requires, whatever came before',
    decodeKinds,
  ),
  sequenceCheck(
    'encode',
    ['encode'],
    'encode answers each message of a sequence as that message alone requires, whatever came before',
    encodeKinds,
  ),
  sequenceCheck(
    'mixed',
    ['encode', 'decode', 'reply'],
    'encode, decode and reply interleaved each answer as their own input alone requires',
    mixedKinds,
  ),
];
