import fc from 'fast-check';
import { formatJid, PAGE_EXAMPLE, perReasonList, type CallReject, type JidParts, type ReasonList } from '../spec/index.js';
import { anyOfKinds, kind, prefixKinds, type CaseKind, type Kinds } from './kinds.js';
import { jidArb, JID_KINDS, realisticDeviceArb, realisticUserOn } from './jid.js';
import { callIdArb, realisticCallIdArb, realisticStanzaIdArb, STANZA_ID_KINDS, stanzaIdArb, TEXT_KINDS } from './text.js';

/** A reason: absent, or any value of the list in force. */
export function reasonArb(reasons: ReasonList): fc.Arbitrary<string> {
  return fc.constantFrom(...reasons.values);
}

/** What a reason field holds: a value, no key at all, or a key holding `undefined` (docs/contract.md allows both). */
export type ReasonChoice = { value: string } | { absent: 'missing-key' | 'undefined' };

/** The kinds of reason: each value of the list in force, none (no key), none (a key holding undefined). */
export const reasonKinds = perReasonList((reasons: ReasonList): CaseKind<ReasonChoice>[] => [
  // a value named like a kind of no reason (--extra-reason absent) keeps a name of its own
  ...reasons.values.map((value) => kind<ReasonChoice>(value.startsWith('absent') ? `value-${value}` : value, fc.constant({ value }))),
  kind<ReasonChoice>('absent', fc.constant({ absent: 'missing-key' })),
  kind<ReasonChoice>('absent-undefined', fc.constant({ absent: 'undefined' })),
]);

/** `msg` with its reason set as `choice` says. */
export function withReason<M extends object>(msg: M, choice: ReasonChoice): Omit<M, 'reason'> & { reason?: string } {
  const { reason: _reason, ...rest } = msg as M & { reason?: string };
  if ('value' in choice) return { ...rest, reason: choice.value };
  return choice.absent === 'undefined' ? { ...rest, reason: undefined } : rest;
}

const anyReasonChoice = (reasons: ReasonList) => anyOfKinds(reasonKinds(reasons));

/** Every field drawn on its own from the whole space: the message as the other kinds leave it. */
function anyMessageArb(reasons: ReasonList): fc.Arbitrary<CallReject> {
  return fc
    .tuple(
      fc.record({ from: jidArb, to: jidArb, id: stanzaIdArb, callId: callIdArb, callCreator: jidArb }, { noNullPrototype: true }),
      anyReasonChoice(reasons),
    )
    .map(([msg, reason]) => withReason(msg, reason));
}

/** At most 64 code points of `text` (a stanza id made from a long call-id kind stays short). */
const short = (text: string) => [...text].slice(0, 64).join('');

/** Where a realistic reject goes: phone-number JIDs on s.whatsapp.net, or LID JIDs on lid. */
type Addressing = 'phone' | 'lid';

/**
 * A reject as real clients send it (see docs/spec-decisions.md, what real
 * codecs send): the own device's JID (with or without device), the caller's
 * JID as `to` and as call-creator (with or without its device), all on one
 * addressing (phone numbers or LIDs), a 32-hex-digit or `3A` call-id, a `3EB0`
 * or hex stanza id, and no reason or `busy` or `declined`.
 */
export function realisticMessageArb(reasons: ReasonList, addressing: Addressing): fc.Arbitrary<CallReject> {
  const user = realisticUserOn(addressing);
  const jid = (p: JidParts, device: number | undefined) => formatJid(device === undefined ? p : { ...p, device });
  const usual = ['busy', 'declined'].filter((r) => reasons.values.includes(r));
  const reason = fc.oneof(
    fc.constant<ReasonChoice>({ absent: 'missing-key' }),
    ...usual.map((value) => fc.constant<ReasonChoice>({ value })),
  );
  return fc
    .record(
      {
        own: user,
        ownDevice: realisticDeviceArb,
        caller: user,
        callerDevice: realisticDeviceArb,
        creatorKeepsDevice: fc.boolean(),
        callId: realisticCallIdArb,
        id: realisticStanzaIdArb,
        reason,
      },
      { noNullPrototype: true },
    )
    .map((r) =>
      withReason(
        {
          from: jid(r.own, r.ownDevice),
          to: jid(r.caller, r.callerDevice),
          id: r.id,
          callId: r.callId,
          callCreator: r.creatorKeepsDevice ? jid(r.caller, r.callerDevice) : formatJid(r.caller),
        },
        r.reason,
      ),
    );
}

/**
 * The kinds of valid message. `realistic:phone` and `realistic:lid` are real
 * traffic, weighted to be about one random case in six; `any` draws every
 * field on its own; each other kind pins one thing and draws the rest:
 * `reason:<value>` and `reason:absent(-undefined)`; `text:<kind>` the call-id
 * and stanza id (each edge, each character of the table, each class);
 * `stanza-id:<class>`; `jid:<kind>` every JID field (each edge, user class,
 * server, agent and device at 0 and 255, bare). `page-example` is the page's own.
 */
export const messageKinds = perReasonList((reasons: ReasonList): Kinds<CallReject> => {
  const any = anyMessageArb(reasons);
  const jidOf = (k: CaseKind<JidParts>) => k.arbitrary.map(formatJid);
  return [
    kind('page-example', fc.constant({ ...PAGE_EXAMPLE.message }), 0.25),
    kind('realistic:phone', realisticMessageArb(reasons, 'phone'), 9),
    kind('realistic:lid', realisticMessageArb(reasons, 'lid'), 9),
    ...prefixKinds('reason', reasonKinds(reasons)).map((k) => ({
      ...k,
      arbitrary: fc.tuple(any, k.arbitrary).map(([m, r]) => withReason(m, r)),
    })),
    ...prefixKinds('text', TEXT_KINDS).map((k) => ({
      ...k,
      arbitrary: fc.tuple(any, k.arbitrary).map(([m, text]) => ({ ...m, callId: text, id: short(text) })),
    })),
    ...prefixKinds('stanza-id', STANZA_ID_KINDS).map((k) => ({
      ...k,
      arbitrary: fc.tuple(any, k.arbitrary).map(([m, id]) => ({ ...m, id })),
    })),
    ...prefixKinds('jid', JID_KINDS).map((k) => ({
      ...k,
      arbitrary: fc.tuple(any, jidOf(k), jidOf(k), jidOf(k)).map(([m, from, to, callCreator]) => ({ ...m, from, to, callCreator })),
    })),
    kind('any', any, 20),
  ];
});

/**
 * A valid message whose reason is none, declined or busy: a decoder or
 * encoder may refuse the others (the page asks whether reject uses them), so
 * a check about something else draws these, where every refusal counts.
 */
export const judgeableMessageArb = perReasonList((reasons: ReasonList): fc.Arbitrary<CallReject> => {
  const usual = [
    { absent: 'missing-key' } as ReasonChoice,
    ...reasons.onReject.filter((r) => reasons.values.includes(r)).map((value): ReasonChoice => ({ value })),
  ];
  return fc
    .tuple(callRejectArb(reasons), fc.constantFrom(...usual))
    .map(([m, r]) => (m.reason === undefined || reasons.onReject.includes(m.reason) ? m : (withReason(m, r) as CallReject)));
});

/** A valid message, of any kind by weight: the whole valid space. */
export const callRejectArb = perReasonList((reasons: ReasonList): fc.Arbitrary<CallReject> => anyOfKinds(messageKinds(reasons)));

/** A valid message drawn field by field (no kind pinned), for building faults on. */
export const plainMessageArb = perReasonList(anyMessageArb);

const isReasonKind = (k: CaseKind<CallReject>) => k.name.startsWith('reason:');

/** The message kinds with a reason given: each reason value's own kind, and every other kind with a reason drawn from the list. */
export const messageKindsWithReason = perReasonList((reasons: ReasonList): Kinds<CallReject> =>
  messageKinds(reasons).flatMap((k) => {
    if (isReasonKind(k)) return k.name.startsWith('reason:absent') ? [] : [k];
    if (k.name === 'page-example') return [k];
    return [{ ...k, arbitrary: fc.tuple(k.arbitrary, reasonArb(reasons)).map(([m, value]) => withReason(m, { value }) as CallReject) }];
  }),
);

/** The message kinds with no reason: `reason:absent` and `reason:absent-undefined`, and every other kind with its reason left out either way. */
export const messageKindsWithoutReason = perReasonList((reasons: ReasonList): Kinds<CallReject> =>
  messageKinds(reasons).flatMap((k) => {
    if (isReasonKind(k)) return k.name.startsWith('reason:absent') ? [k] : [];
    return [
      {
        ...k,
        arbitrary: fc
          .tuple(k.arbitrary, fc.boolean())
          .map(([m, explicit]) => withReason(m, { absent: explicit ? 'undefined' : 'missing-key' }) as CallReject),
      },
    ];
  }),
);
