import { randomBytes } from 'node:crypto';
import type { CallOffer, CallReject, ReplyOptions } from '../../spec/index.js';

/** A fresh stanza id: 10 upper-case hex digits, like the page's `5E6F708192`. */
export function newStanzaId(): string {
  return randomBytes(5).toString('hex').toUpperCase();
}

/**
 * The reject that declines `offer`: call-id and call-creator copied verbatim,
 * routed to the offer's sender, from/id/reason taken from the options.
 */
export function replyMessage(offer: CallOffer, opts: ReplyOptions): CallReject {
  const msg: CallReject = {
    from: opts.from,
    to: offer.from,
    id: opts.id ?? newStanzaId(),
    callId: offer.callId,
    callCreator: offer.callCreator,
  };
  if (opts.reason !== undefined) msg.reason = opts.reason;
  return msg;
}
