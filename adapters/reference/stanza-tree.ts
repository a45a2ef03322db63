import {
  messageProblems,
  readStanza,
  refusalText,
  XmlSyntaxError,
  type CallReject,
  type ReasonList,
  type StanzaWire,
} from '../../spec/index.js';
import { RejectCodecError } from './codec-error.js';

/**
 * The message a wire value holds, read exactly as the spec reads it
 * ({@link readStanza}), or a {@link RejectCodecError} naming what is wrong:
 * the first structural problem, else every attribute at fault. Strict: a
 * DOCTYPE or text inside `<call>` is refused too; text the strict XML
 * parser refuses throws an {@link XmlSyntaxError}.
 */
export function decodeStanza(value: unknown, wire: StanzaWire, reasons: ReasonList): CallReject {
  const reading = readStanza(value, wire, reasons);
  const refusal = refusalText(reading);
  if (refusal === undefined) return reading.message!;
  // Text the strict XML parser refuses is refused as the parser refuses it.
  throw wire === 'xml' && typeof value === 'string' && reading.tree === undefined
    ? new XmlSyntaxError(refusal)
    : new RejectCodecError(refusal);
}

/** The message after validation, or a {@link RejectCodecError} naming the attribute at fault. */
export function checkedMessage(msg: unknown, reasons: ReasonList): CallReject {
  const problems = messageProblems(msg, reasons);
  if (problems.length > 0) {
    throw new RejectCodecError(`cannot encode: ${problems.map((p) => p.message).join('; ')}`);
  }
  return msg as CallReject;
}
