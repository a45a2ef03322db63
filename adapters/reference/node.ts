import {
  expectedReceived,
  reasonList,
  stanzaAttributes,
  wireNodeSchema,
  type ReasonList,
  type WireNode,
} from '../../spec/index.js';
import type { Adapter } from '../contract.js';
import { RejectCodecError } from './codec-error.js';
import { replyMessage } from './reply-message.js';
import { checkedMessage, messageFromTree } from './stanza-tree.js';

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
      decode(node) {
        const parsed = wireNodeSchema.safeParse(node);
        if (!parsed.success) {
          const at = parsed.error.issues[0]?.path.join('.') || 'node';
          throw new RejectCodecError(`${at}: ${expectedReceived('a node { tag, attrs, content? }', node)}`);
        }
        const { tag, attrs, content } = parsed.data;
        const children = Array.isArray(content) ? content.map((c) => ({ tag: c.tag, attrs: c.attrs })) : [];
        const text = typeof content === 'string' ? content : content instanceof Uint8Array ? '<bytes>' : '';
        return messageFromTree({ tag, attrs, children, text }, reasons);
      },
      reply: (offer, opts) => encode(replyMessage(offer, opts)),
    },
  };
}
