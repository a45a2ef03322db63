import fc from 'fast-check';
import { formatJid, type CallOffer, type ReasonList, type ReplyOptions } from '../spec/index.js';
import { reasonArb } from './call-reject.js';
import { jidArb, jidNumberArb, jidPartsArb } from './jid.js';
import { callIdArb, stanzaIdArb } from './text.js';

/** An offer to answer and the options of the reply. */
export interface ReplyCase {
  offer: CallOffer;
  options: ReplyOptions;
}

/**
 * An incoming offer (the caller's JID with or without a device, the creator
 * with or without one) and reply options (own JID; id given or not; reason
 * given or not).
 */
export function replyCaseArb(reasons: ReasonList): fc.Arbitrary<ReplyCase> {
  const offer = fc
    .record(
      { caller: jidPartsArb, device: fc.option(jidNumberArb, { nil: undefined }), creatorKeepsDevice: fc.boolean(), to: jidArb, id: stanzaIdArb, callId: callIdArb },
      { noNullPrototype: true },
    )
    .map(({ caller, device, creatorKeepsDevice, to, id, callId }): CallOffer => {
      const from = formatJid(device === undefined ? caller : { ...caller, device });
      const bare = formatJid({ user: caller.user, server: caller.server });
      return { from, to, id, callId, callCreator: creatorKeepsDevice ? from : bare };
    });
  const options = fc.record({ from: jidArb, id: stanzaIdArb, reason: reasonArb(reasons) }, { requiredKeys: ['from'], noNullPrototype: true });
  return fc.record({ offer, options }, { noNullPrototype: true });
}
