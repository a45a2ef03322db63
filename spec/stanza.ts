import { ATTRIBUTES, type CallReject } from './attributes.js';

/** Name/value pairs of one element, in page order. */
export type AttributePairs = [name: string, value: string][];

/**
 * The attributes a message puts on `<call>` and on `<reject>`, in page order.
 * A reason that is absent (missing or undefined) puts no attribute at all.
 */
export function stanzaAttributes(msg: CallReject): { call: AttributePairs; reject: AttributePairs } {
  const out = { call: [] as AttributePairs, reject: [] as AttributePairs };
  for (const a of ATTRIBUTES) {
    const value = msg[a.field];
    if (value !== undefined) out[a.element].push([a.name, value]);
  }
  return out;
}

/**
 * The message that attribute maps of `<call>` and `<reject>` hold, reading
 * only the page's attributes (unknown ones are ignored) and leaving out a
 * field whose attribute is absent. No validation: see `messageProblems`.
 */
export function messageFromAttributes(call: Record<string, string>, reject: Record<string, string>): Partial<CallReject> {
  const out: Partial<CallReject> = {};
  const own = { call, reject };
  for (const a of ATTRIBUTES) {
    const attrs = own[a.element];
    if (Object.prototype.hasOwnProperty.call(attrs, a.name)) out[a.field] = attrs[a.name];
  }
  return out;
}
