import { reasonList, stanzaAttributes, writeXml, type ReasonList } from '../../spec/index.js';
import type { Adapter } from '../contract.js';
import { replyMessage } from './reply-message.js';
import { checkedMessage, decodeStanza } from './stanza-tree.js';

/**
 * The project's own codec on the XML wire: strict XML 1.0 (saxes), every rule
 * of spec/, canonical output with tab/newline/CR as character references.
 */
export function referenceXmlAdapter(reasons: ReasonList = reasonList()): Adapter<string> {
  const encode = (msg: unknown): string => {
    const attrs = stanzaAttributes(checkedMessage(msg, reasons));
    return writeXml({ name: 'call', attrs: attrs.call, children: [{ name: 'reject', attrs: attrs.reject }] });
  };
  return {
    name: 'reference',
    version: '0.1.0',
    wire: 'xml',
    reject: {
      encode,
      decode: (xml) => decodeStanza(xml, 'xml', reasons),
      reply: (offer, opts) => encode(replyMessage(offer, opts)),
    },
  };
}
