import {
  elementChildren,
  expectedReceived,
  ownText,
  parseXml,
  reasonList,
  stanzaAttributes,
  writeXml,
  type ReasonList,
} from '../../spec/index.js';
import type { Adapter } from '../contract.js';
import { RejectCodecError } from './codec-error.js';
import { replyMessage } from './reply-message.js';
import { checkedMessage, messageFromTree } from './stanza-tree.js';

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
      decode(xml) {
        if (typeof xml !== 'string') throw new RejectCodecError(expectedReceived('an XML string', xml));
        const doc = parseXml(xml);
        if (doc.doctype !== undefined) {
          throw new RejectCodecError('a stanza may not hold a DOCTYPE: expected a <call> element alone');
        }
        const root = doc.root;
        const children = elementChildren(root).map((c) => ({ tag: c.name, attrs: c.attrs }));
        return messageFromTree({ tag: root.name, attrs: root.attrs, children, text: ownText(root) }, reasons);
      },
      reply: (offer, opts) => encode(replyMessage(offer, opts)),
    },
  };
}
