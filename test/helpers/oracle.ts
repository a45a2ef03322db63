/**
 * An independent judge of a call/reject XML text, built only from the oracle
 * (saxes) and spec/, not from the reference codec: what the message means,
 * or why it is not a conforming stanza.
 */
import { elementChildren, messageFromAttributes, messageProblems, ownText, parseXml, reasonList, type CallReject } from '../../spec/index.js';

export type Judgement = { ok: true; message: CallReject } | { ok: false; why: string };

export function judgeXml(xml: string, reasons = reasonList()): Judgement {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
  if (doc.doctype !== undefined) return { ok: false, why: 'doctype' };
  if (doc.root.name !== 'call') return { ok: false, why: `root <${doc.root.name}>` };
  if (ownText(doc.root).trim() !== '') return { ok: false, why: 'text in <call>' };
  const children = elementChildren(doc.root);
  if (children.length !== 1 || children[0]!.name !== 'reject') return { ok: false, why: `children ${children.map((c) => c.name).join(',')}` };
  const message = messageFromAttributes(doc.root.attrs, children[0]!.attrs);
  const problems = messageProblems(message, reasons);
  return problems.length > 0 ? { ok: false, why: problems[0]!.message } : { ok: true, message: message as CallReject };
}

/** `m` without a `reason` key holding undefined: how two messages are compared. */
export function normal(m: CallReject): CallReject {
  const { reason, ...rest } = m;
  return reason === undefined ? rest : { ...rest, reason };
}
