import fc from 'fast-check';
import { formatJid, perReasonList, type CallOffer, type JidParts, type ReasonList, type ReplyOptions } from '../spec/index.js';
import { reasonKinds, withReason, type ReasonChoice } from './call-reject.js';
import { jidNumberArb, jidPartsArb, JID_KINDS, realisticDeviceArb, realisticUserOn } from './jid.js';
import { anyOfKinds, kind, prefixKinds, type Kinds } from './kinds.js';
import { callIdArb, realisticCallIdArb, realisticStanzaIdArb, STANZA_ID_KINDS, stanzaIdArb, TEXT_KINDS } from './text.js';

/** An offer to answer and the options of the reply. */
export interface ReplyCase {
  offer: CallOffer;
  options: ReplyOptions;
}

/** What a reply case is made of, before the JIDs are written. */
interface Parts {
  caller: JidParts;
  device: number | undefined;
  creatorKeepsDevice: boolean;
  to: JidParts;
  id: string;
  callId: string;
  own: JidParts;
  optionsId: string | undefined;
  reason: ReasonChoice;
}

function caseOf(p: Parts): ReplyCase {
  const from = formatJid(p.device === undefined ? p.caller : { ...p.caller, device: p.device });
  const bare = formatJid({ user: p.caller.user, server: p.caller.server });
  const offer: CallOffer = { from, to: formatJid(p.to), id: p.id, callId: p.callId, callCreator: p.creatorKeepsDevice ? from : bare };
  const base: ReplyOptions = p.optionsId === undefined ? { from: formatJid(p.own) } : { from: formatJid(p.own), id: p.optionsId };
  return { offer, options: withReason(base, p.reason) as ReplyOptions };
}

type Pins = { [K in keyof Parts]?: fc.Arbitrary<Parts[K]> };

function partsArb(reasons: ReasonList, pins: Pins = {}): fc.Arbitrary<ReplyCase> {
  const any: { [K in keyof Parts]: fc.Arbitrary<Parts[K]> } = {
    caller: jidPartsArb,
    device: fc.option(jidNumberArb, { nil: undefined }),
    creatorKeepsDevice: fc.boolean(),
    to: jidPartsArb,
    id: stanzaIdArb,
    callId: callIdArb,
    own: jidPartsArb,
    optionsId: fc.option(stanzaIdArb, { nil: undefined }),
    reason: anyOfKinds(reasonKinds(reasons)),
  };
  return fc.record({ ...any, ...pins } as typeof any, { noNullPrototype: true }).map(caseOf);
}

/**
 * The kinds of reply case: real traffic (phone or LID, a 32-hex call-id, the
 * own JID as from), any, the caller with or without a device, the creator
 * with its device or bare, the options with an id or without, each reason
 * and none, each text kind as the call-id, each stanza-id kind, each JID kind
 * as the caller, the callee and the own JID.
 */
export const replyCaseKinds = perReasonList((reasons: ReasonList): Kinds<ReplyCase> => {
  const c = (v: boolean) => fc.constant(v);
  const realistic = (lid: boolean) => {
    const user = realisticUserOn(lid ? 'lid' : 'phone');
    return partsArb(reasons, {
      caller: user,
      device: realisticDeviceArb,
      to: user,
      own: user,
      callId: realisticCallIdArb,
      id: realisticStanzaIdArb,
      optionsId: fc.option(realisticStanzaIdArb, { nil: undefined }),
      reason: fc.constantFrom<ReasonChoice>(
        { absent: 'missing-key' },
        ...['busy', 'declined'].filter((r) => reasons.values.includes(r)).map((value) => ({ value })),
      ),
    });
  };
  return [
    kind('realistic:phone', realistic(false), 8),
    kind('realistic:lid', realistic(true), 8),
    kind('caller:with-device', partsArb(reasons, { device: jidNumberArb })),
    kind('caller:no-device', partsArb(reasons, { device: fc.constant(undefined) })),
    kind('creator:keeps-device', partsArb(reasons, { creatorKeepsDevice: c(true), device: jidNumberArb })),
    kind('creator:bare', partsArb(reasons, { creatorKeepsDevice: c(false) })),
    kind('options:id-given', partsArb(reasons, { optionsId: stanzaIdArb })),
    kind('options:no-id', partsArb(reasons, { optionsId: fc.constant(undefined) })),
    ...prefixKinds('reason', reasonKinds(reasons)).map((k) => ({ ...k, arbitrary: partsArb(reasons, { reason: k.arbitrary }) })),
    ...prefixKinds('text', TEXT_KINDS).map((k) => ({ ...k, arbitrary: partsArb(reasons, { callId: k.arbitrary }) })),
    ...prefixKinds('stanza-id', STANZA_ID_KINDS).map((k) => ({
      ...k,
      arbitrary: partsArb(reasons, { id: k.arbitrary, optionsId: k.arbitrary }),
    })),
    ...prefixKinds('jid', JID_KINDS).map((k) => ({
      ...k,
      arbitrary: partsArb(reasons, { caller: k.arbitrary, to: k.arbitrary, own: k.arbitrary }),
    })),
    kind('any', partsArb(reasons), 16),
  ];
});

/**
 * An incoming offer (the caller's JID with or without a device, the creator
 * with or without one) and reply options (own JID; id given or not; reason
 * given or not), of any kind.
 */
export function replyCaseArb(reasons: ReasonList): fc.Arbitrary<ReplyCase> {
  return anyOfKinds(replyCaseKinds(reasons));
}
