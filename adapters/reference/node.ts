import { reasonList, stanzaAttributes, type ReasonList, type WireNode } from '../../spec/index.js';
import type { Adapter } from '../contract.js';
import { replyMessage } from './reply-message.js';
import { checkedMessage, decodeStanza } from './stanza-tree.js';

/** The project's own codec on the node wire: the same rules as the XML one, on node objects. */
export function referenceNodeAdapter(reasons: ReasonList = reasonList()): Adapter<WireNode> {
  const encode = (msg: unknown): WireNode => {
    const attrs = stanzaAttributes(checkedMessage(msg, reasons));
    return {
      tag: 'call',
      attrs: Object.fromEntries(attrs.call),
      content: [{ tag: 'reject', attrs: Object.fromEntries(attrs.reject) }],
    };
  };
  return {
    name: 'reference-node',
    version: '0.1.0',
    wire: 'node',
    reject: {
      encode,
      decode: (node) => decodeStanza(node, 'node', reasons),
      reply: (offer, opts) => encode(replyMessage(offer, opts)),
    },
  };
}
